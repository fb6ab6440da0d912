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
     * One JSON entry per model; {@code pairs} maps a model name to the pairs it was trained on, {@code validation} a
     * model that validated to its best checkpoint ({@code best_step} and {@code validation_accuracy} in its entry).
     */
    static List<Map<String, Object>> entries(List<ModelScore> scores, Map<String, Integer> pairs,
                                              Map<String, BestModel> validation) {
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
            m.put("model", s.model());
            m.put("run_id", s.runId());
            BestModel best = validation.get(s.name());
            if (best != null) {
                m.put("best_step", best.step());
                m.put("validation_accuracy", best.score());
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
        r.validation().forEach((name, best) -> w.printf("%s: the best validated checkpoint, step %d (validation "
                + "accuracy %.1f%% on held-out train problems; %d validations)%n", name, best.step(), 100 * best.score(),
                best.history().size()));
        w.printf("%nleaderboard: %s%n", r.out().resolve(FILE).toAbsolutePath());
    }
}
