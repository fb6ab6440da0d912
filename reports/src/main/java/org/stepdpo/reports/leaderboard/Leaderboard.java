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
 * Models × benchmarks. Accuracies of different benchmarks are not comparable (a 20-problem file is not a 500-problem
 * one, a toy is not MATH), so the board ranks models per benchmark ({@link #ranking}); a mean over benchmarks exists
 * only for a model evaluated on every benchmark of the board ({@link #mean}), and rows are ordered by it where it
 * exists, then by name. Self-checks (a data set's reference solutions graded by its own grader) are kept apart and
 * never ranked.
 */
public record Leaderboard(List<String> benchmarks, List<LeaderboardRow> rows, List<LeaderboardRow> selfChecks) {

    public Leaderboard {
        benchmarks = List.copyOf(benchmarks);
        rows = List.copyOf(rows);
        selfChecks = List.copyOf(selfChecks);
    }

    public Leaderboard(List<String> benchmarks, List<LeaderboardRow> rows) {
        this(benchmarks, rows, List.of());
    }

    /**
     * Builds the board from finished evaluations. For each (model, benchmark) the latest evaluation of all the data's
     * problems counts (latest finish time; the higher run id breaks a tie); a partial one (fewer problems than the
     * data file) counts only when there is no complete one, and its cell says so. An evaluation of no problems has no
     * accuracy and is left out.
     */
    public static Leaderboard fromLatest(List<LeaderboardEntry> finishedEvaluations) {
        Comparator<LeaderboardEntry> better = Comparator.comparing((LeaderboardEntry e) -> !e.partial())
                .thenComparing(LeaderboardEntry::finishedAt).thenComparingLong(LeaderboardEntry::runId);
        Map<List<Object>, LeaderboardEntry> chosen = new HashMap<>();
        for (LeaderboardEntry e : finishedEvaluations) {
            if (e.n() == 0) {
                continue;
            }
            chosen.merge(List.of(e.model(), e.benchmark(), e.selfCheck()), e,
                    (a, b) -> better.compare(a, b) >= 0 ? a : b);
        }
        TreeSet<String> benchmarks = new TreeSet<>();
        Map<String, Map<String, LeaderboardCell>> byModel = new TreeMap<>();
        Map<String, Map<String, LeaderboardCell>> checks = new TreeMap<>();
        for (LeaderboardEntry e : chosen.values()) {
            Share accuracy = new Share(e.correct(), e.n());
            LeaderboardCell cell = new LeaderboardCell(e.runId(), accuracy.value(), accuracy.wilson95(), e.correct(),
                    e.n(), e.finishedAt(), e.problemsInData());
            if (e.selfCheck()) {
                checks.computeIfAbsent(e.model(), m -> new HashMap<>()).put(e.benchmark(), cell);
            } else {
                benchmarks.add(e.benchmark());
                byModel.computeIfAbsent(e.model(), m -> new HashMap<>()).put(e.benchmark(), cell);
            }
        }
        List<LeaderboardRow> rows = new ArrayList<>();
        byModel.forEach((model, cells) -> rows.add(new LeaderboardRow(model, cells)));
        List<LeaderboardRow> selfChecks = new ArrayList<>();
        checks.forEach((model, cells) -> selfChecks.add(new LeaderboardRow(model, cells)));
        Leaderboard unordered = new Leaderboard(new ArrayList<>(benchmarks), rows, selfChecks);
        List<LeaderboardRow> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparing((LeaderboardRow r) -> unordered.mean(r) == null)
                .thenComparing(r -> -(unordered.mean(r) == null ? 0 : unordered.mean(r)))
                .thenComparing(LeaderboardRow::model));
        return new Leaderboard(unordered.benchmarks(), ordered, selfChecks);
    }

    /**
     * A row's mean accuracy over all of the board's benchmarks, or null when the model lacks one of them or a cell is
     * partial: only then are two means comparable.
     */
    public Double mean(LeaderboardRow row) {
        if (benchmarks.isEmpty() || !row.cells().keySet().containsAll(benchmarks)
                || row.cells().values().stream().anyMatch(LeaderboardCell::partial)) {
            return null;
        }
        return row.meanAccuracy();
    }

    /** A model with a comparable mean accuracy over all of the board's benchmarks. */
    public record ComparableMean(String model, double mean) {
    }

    /**
     * The models that have a comparable {@link #mean}, best first, when the board has several benchmarks (with one,
     * the benchmark's own ranking says it all); what every leaderboard view ranks as "the mean".
     */
    public List<ComparableMean> comparableMeans() {
        if (benchmarks.size() < 2) {
            return List.of();
        }
        return rows.stream().filter(r -> mean(r) != null).map(r -> new ComparableMean(r.model(), mean(r))).toList();
    }

    /** The models evaluated on {@code benchmark}, best accuracy first (ties by name). */
    public List<LeaderboardRow> ranking(String benchmark) {
        return rows.stream().filter(r -> r.cell(benchmark).isPresent())
                .sorted(Comparator.comparingDouble((LeaderboardRow r) -> -r.cell(benchmark).orElseThrow().accuracy())
                        .thenComparing(LeaderboardRow::model))
                .toList();
    }

    public boolean isEmpty() {
        return rows.isEmpty() && selfChecks.isEmpty();
    }
}
