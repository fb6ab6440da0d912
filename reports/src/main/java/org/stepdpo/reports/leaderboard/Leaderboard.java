package org.stepdpo.reports.leaderboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.stepdpo.metrics.Share;

/**
 * Models × benchmarks. Rows are ranked by mean accuracy over the benchmarks each model has (ties by name);
 * columns are the benchmarks in alphabetical order.
 */
public record Leaderboard(List<String> benchmarks, List<LeaderboardRow> rows) {

    public Leaderboard {
        benchmarks = List.copyOf(benchmarks);
        rows = List.copyOf(rows);
    }

    /**
     * Builds the board from finished evaluations: for each (model, benchmark) the latest one counts (latest
     * finish time; the higher run id breaks a tie). An evaluation of no problems has no accuracy and is left out.
     */
    public static Leaderboard fromLatest(List<LeaderboardEntry> finishedEvaluations) {
        Comparator<LeaderboardEntry> newer = Comparator.comparing(LeaderboardEntry::finishedAt)
                .thenComparingLong(LeaderboardEntry::runId);
        Map<List<String>, LeaderboardEntry> latest = new HashMap<>();
        for (LeaderboardEntry e : finishedEvaluations) {
            if (e.n() == 0) {
                continue;
            }
            latest.merge(List.of(e.model(), e.benchmark()), e, (a, b) -> newer.compare(a, b) >= 0 ? a : b);
        }
        TreeSet<String> benchmarks = new TreeSet<>();
        Map<String, Map<String, LeaderboardCell>> byModel = new TreeMap<>();
        for (LeaderboardEntry e : latest.values()) {
            benchmarks.add(e.benchmark());
            Share accuracy = new Share(e.correct(), e.n());
            LeaderboardCell cell = new LeaderboardCell(e.runId(), accuracy.value(), accuracy.wilson95(), e.correct(),
                    e.n(), e.finishedAt());
            byModel.computeIfAbsent(e.model(), m -> new HashMap<>()).put(e.benchmark(), cell);
        }
        List<LeaderboardRow> rows = new ArrayList<>();
        byModel.forEach((model, cells) -> rows.add(new LeaderboardRow(model, cells)));
        rows.sort(Comparator.comparingDouble(LeaderboardRow::meanAccuracy).reversed()
                .thenComparing(LeaderboardRow::model));
        return new Leaderboard(new ArrayList<>(benchmarks), rows);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
