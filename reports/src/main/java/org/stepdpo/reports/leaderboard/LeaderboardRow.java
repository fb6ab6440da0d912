package org.stepdpo.reports.leaderboard;

import java.util.Map;
import java.util.Optional;

/** One model's results; {@code cells} is keyed by benchmark and lacks benchmarks the model was not run on. */
public record LeaderboardRow(String model, Map<String, LeaderboardCell> cells) {

    public LeaderboardRow {
        cells = Map.copyOf(cells);
    }

    public Optional<LeaderboardCell> cell(String benchmark) {
        return Optional.ofNullable(cells.get(benchmark));
    }

    /** Mean accuracy over the benchmarks this model has results for; see {@link Leaderboard#mean} for ranking. */
    public double meanAccuracy() {
        return cells.values().stream().mapToDouble(LeaderboardCell::accuracy).average().orElse(0);
    }
}
