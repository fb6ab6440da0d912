package org.stepdpo.config.baselines;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one model (or pipeline stage) scored on one benchmark: every problem's outcome, from which the
 * metrics follow. A baseline is a list of these, and a fresh run of the suite yields the same records, so
 * comparing and rewriting a baseline use one type.
 *
 * @param stage     the model or pipeline stage, e.g. {@code sft}, {@code step-dpo}
 * @param benchmark the benchmark, e.g. {@code arith:test}
 * @param outcomes  one per problem, in the benchmark's order; problem ids are unique
 */
public record BaselineEntry(String stage, String benchmark, List<ProblemOutcome> outcomes) {

    public BaselineEntry {
        outcomes = List.copyOf(outcomes);
        Set<String> seen = new HashSet<>();
        for (ProblemOutcome o : outcomes) {
            if (!seen.add(o.id())) {
                throw new IllegalArgumentException(stage + " on " + benchmark + ": problem id " + o.id()
                        + " appears twice; outcomes are matched by id");
            }
        }
    }

    /** The (stage, benchmark) pair that identifies this entry in a baseline. */
    public String key() {
        return stage + " on " + benchmark;
    }

    public int n() {
        return outcomes.size();
    }

    public int correct() {
        return (int) outcomes.stream().filter(ProblemOutcome::correct).count();
    }

    /** Right answers in which the judge found a wrong step. */
    public int rightThroughWrongStep() {
        return (int) outcomes.stream().filter(o -> o.correct() && o.firstWrongStep() != null).count();
    }

    /** Wrong answers in which the judge found the first wrong step. */
    public int wrongLocalized() {
        return (int) outcomes.stream().filter(o -> !o.correct() && o.firstWrongStep() != null).count();
    }

    public Set<String> problemIds() {
        Set<String> ids = new LinkedHashSet<>();
        outcomes.forEach(o -> ids.add(o.id()));
        return ids;
    }

    /** The metric's value, or null when it is undefined (no problems, no right answers, no localized errors). */
    public Double value(Metric metric) {
        return switch (metric) {
            case ACCURACY -> n() == 0 ? null : (double) correct() / n();
            case RIGHT_THROUGH_WRONG_STEP -> correct() == 0 ? null : (double) rightThroughWrongStep() / correct();
            case FIRST_ERROR_POSITION -> wrongLocalized() == 0 ? null : outcomes.stream()
                    .filter(o -> !o.correct() && o.firstWrongStep() != null)
                    .mapToInt(ProblemOutcome::firstWrongStep).average().orElseThrow();
            case MEAN_STEPS -> n() == 0 ? null : outcomes.stream().mapToInt(ProblemOutcome::steps).average().orElseThrow();
        };
    }
}
