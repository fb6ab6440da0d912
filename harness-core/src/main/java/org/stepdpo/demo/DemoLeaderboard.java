package org.stepdpo.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.engine.training.validation.BestModel;

/** The demo's leaderboard: printed as a table and written as {@code leaderboard.json}. */
public final class DemoLeaderboard {

    static final String FILE = "leaderboard.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoLeaderboard() {
    }

    /**
     * One JSON entry per model; {@code pairs} maps a model name to the pairs it was trained on, {@code headroom}
     * and {@code errors} to its sampled accuracy and error mix, {@code validation} a model that validated to its best
     * checkpoint ({@code best_step} and {@code validation_accuracy} in its entry); each paired comparison is added to
     * the entry of its first model; {@code benchmarks} (the suite's extra benchmarks: name to the models' scores)
     * adds {@code benchmarks: {NAME: {accuracy, n, correct, ci95, run_id}}} to each model's entry.
     */
    static List<Map<String, Object>> entries(List<ModelScore> scores, Map<String, Integer> pairs,
                                             Map<String, Headroom> headroom, Map<String, ErrorMix> errors,
                                             List<PairedComparison> comparisons, Map<String, BestModel> validation,
                                             Map<String, List<ModelScore>> benchmarks) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ModelScore s : scores) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("accuracy", s.accuracy());
            m.put("n", s.n());
            m.put("correct", s.correct());
            m.put("ci95", List.of(s.ci95Low(), s.ci95High()));
            m.put("mean_steps", s.meanSteps());
            m.put("first_error_position", s.firstErrorPosition());
            m.put("wrong_localized", s.wrongLocalized());
            m.put("right_through_wrong_step", s.rightThroughWrongStep());
            m.put("training_pairs", pairs.getOrDefault(s.name(), 0));
            m.put("headroom", headroom.get(s.name()));
            m.put("error_mix", errors.get(s.name()));
            Map<String, Object> versus = new LinkedHashMap<>();
            comparisons.stream().filter(c -> c.a().equals(s.name())).forEach(c -> versus.put(c.b(), c));
            m.put("versus", versus);
            m.put("model", s.model());
            m.put("run_id", s.runId());
            BestModel best = validation.get(s.name());
            if (best != null) {
                m.put("best_step", best.step());
                m.put("validation_accuracy", best.score());
            }
            if (!benchmarks.isEmpty()) {
                Map<String, Object> other = new LinkedHashMap<>();
                benchmarks.forEach((bench, onIt) -> onIt.stream().filter(o -> o.name().equals(s.name())).findFirst()
                        .ifPresent(o -> other.put(bench, Map.of("accuracy", o.accuracy(), "n", o.n(), "correct",
                                o.correct(), "ci95", List.of(o.ci95Low(), o.ci95High()), "run_id", o.runId()))));
                m.put("benchmarks", other);
            }
            out.add(m);
        }
        return out;
    }

    static void write(Path file, List<Map<String, Object>> entries) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void printHeadroomAndErrors(PrintWriter w, DemoRunner.Result r) {
        if (!r.headroom().isEmpty()) {
            Headroom any = r.headroom().values().iterator().next();
            w.printf("%nheadroom: %d samples per problem at temperature %.2f%n", any.k(), any.temperature());
            w.printf("%-9s %8s %8s %8s%n", "model", "pass@1", "pass@" + any.k(), "maj@" + any.k());
            r.headroom().forEach((name, h) -> w.printf("%-9s %7.1f%% %7.1f%% %7.1f%%%n", name, 100 * h.passAt1(),
                    100 * h.passAtK(), 100 * h.majAtK()));
        }
        w.printf("%nfirst wrong step of the wrong greedy answers, by kind:%n");
        r.errors().forEach((name, mix) -> {
            StringBuilder kinds = new StringBuilder();
            mix.byKind().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> kinds.append(String.format("  %s %d (%.0f%%)", e.getKey(), e.getValue(),
                            100.0 * e.getValue() / mix.wrong())));
            w.printf("  %-9s %3d wrong:%s%n", name, mix.wrong(), kinds);
        });
    }

    /** Every model on every extra benchmark: greedy accuracy with its 95% Wilson interval and n. */
    private static void printBenchmarks(PrintWriter w, DemoRunner.Result r) {
        if (r.benchmarks().isEmpty()) {
            return;
        }
        w.printf("%ngreedy accuracy on the suite's other benchmarks [95%% CI] (n):%n");
        StringBuilder head = new StringBuilder(String.format("%-9s", "model"));
        r.benchmarks().keySet().forEach(b -> head.append(String.format(" %26s", b)));
        w.println(head);
        for (ModelScore s : r.scores()) {
            StringBuilder row = new StringBuilder(String.format("%-9s", s.name()));
            r.benchmarks().values().forEach(onIt -> onIt.stream().filter(o -> o.name().equals(s.name())).findFirst()
                    .ifPresentOrElse(o -> row.append(String.format(" %26s", String.format("%.1f%% [%.1f, %.1f] (%d)",
                            100 * o.accuracy(), 100 * o.ci95Low(), 100 * o.ci95High(), o.n()))),
                            () -> row.append(String.format(" %26s", "-"))));
            w.println(row);
        }
    }

    /** What the table's columns mean (docs/METRICS.md has the definitions). */
    static final String LEGEND = """
            accuracy: greedy answers right, with its 95% Wilson interval, n test problems; steps: mean steps per answer;
            first err: mean position (1 = first step) of the first wrong step in wrong answers, as the judge locates it;
            right via err: right answers reached through a step the judge calls wrong; pairs: preference pairs trained on            """;

    /** The leaderboard, the pair counts and the time each stage took, as the demo prints them. */
    public static void print(PrintWriter w, DemoRunner.Result r) {
        w.printf("%nstage times:%n");
        double total = 0;
        for (StageTimer.Timing t : r.timings()) {
            total += t.seconds();
            w.printf("  %-15s %s%n", t.stage(), t.reused() && t.seconds() < 1 ? "reused from an earlier run"
                    : String.format("%7.1f s%s", t.seconds(), t.reused() ? " (resumed)" : ""));
        }
        w.printf("  %-15s %7.1f s%n", "total", total);
        w.printf("%npairs: %d step pairs (Step-DPO), %d whole-answer pairs (DPO)%n%n", r.pairs().get("step-dpo"),
                r.pairs().get("dpo"));
        w.printf("%-9s %8s %15s %5s %6s %9s %13s %6s%n", "model", "accuracy", "95% CI", "n", "steps",
                "first err", "right via err", "pairs");
        for (ModelScore s : r.scores()) {
            w.printf("%-9s %7.1f%% %15s %5d %6.2f %9s %13s %6d%n", s.name(), 100 * s.accuracy(),
                    String.format("[%.1f, %.1f]", 100 * s.ci95Low(), 100 * s.ci95High()), s.n(), s.meanSteps(),
                    s.firstErrorPosition() == null ? "-" : String.format("%.2f", s.firstErrorPosition()),
                    s.rightThroughWrongStep() == null ? "-" : String.format("%.1f%%", 100 * s.rightThroughWrongStep()),
                    r.pairs().getOrDefault(s.name(), 0));
        }
        w.printf("%s%n", LEGEND);
        printHeadroomAndErrors(w, r);
        w.printf("%npaired on the same %d test problems (McNemar exact, two-sided):%n",
                r.comparisons().isEmpty() ? 0 : r.comparisons().get(0).n());
        for (PairedComparison c : r.comparisons()) {
            w.printf("  %-8s vs %-8s %3d right only with %s, %3d only with %s, p = %s%n", c.a(), c.b(), c.onlyA(), c.a(),
                    c.onlyB(), c.b(), c.pValue() < 1e-4 ? String.format("%.1e", c.pValue())
                            : String.format("%.4f", c.pValue()));
        }
        printBenchmarks(w, r);
        if (!r.validation().isEmpty()) {
            w.printf("%nvalidation guard (greedy accuracy on held-out train problems; the best checkpoint is evaluated):%n");
        }
        r.validation().forEach((name, best) -> w.printf("  %-8s best step %d (of %d validations), validation accuracy "
                + "%.1f%%%n", name, best.step(), best.history().size(), 100 * best.score()));
        w.printf("%nleaderboard: %s%n", r.out().resolve(FILE).toAbsolutePath());
    }
}
