package org.stepdpo.config.baselines;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stepdpo.metrics.Mean;
import org.stepdpo.metrics.Metrics;
import org.stepdpo.metrics.ScoredSample;
import org.stepdpo.metrics.Share;

/**
 * What one model (or pipeline stage) scored on one benchmark: every problem's outcome, from which the
 * metrics follow (computed by {@link Metrics}, docs/METRICS.md). A baseline is a list of these, and a fresh run
 * of the suite yields the same records, so comparing and rewriting a baseline use one type.
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

    /** The outcomes as the metrics see them: one sample per problem. */
    public List<ScoredSample> samples() {
        return outcomes.stream().map(ProblemOutcome::scored).toList();
    }

    public int n() {
        return outcomes.size();
    }

    /** Problems answered right: the numerator of the accuracy. */
    public int correct() {
        return Metrics.accuracy(samples()).count();
    }

    /** Right answers in which the judge found a wrong step, of the right answers it assessed. */
    public Share rightThroughWrongStep() {
        return Metrics.rightThroughWrongStep(samples());
    }

    /** First-wrong-step positions of the wrong answers in which the judge located one. */
    public Mean firstErrorPosition() {
        return Metrics.firstErrorPosition(samples());
    }

    public Set<String> problemIds() {
        Set<String> ids = new LinkedHashSet<>();
        outcomes.forEach(o -> ids.add(o.id()));
        return ids;
    }

    /** The metric's value, or null when it is undefined (no problems, no judged right answers, no located errors). */
    public Double value(Metric metric) {
        List<ScoredSample> samples = samples();
        return switch (metric) {
            case ACCURACY -> Metrics.accuracy(samples).value();
            case RIGHT_THROUGH_WRONG_STEP -> Metrics.rightThroughWrongStep(samples).value();
            case FIRST_ERROR_POSITION -> Metrics.firstErrorPosition(samples).value();
            case MEAN_STEPS -> Metrics.meanSteps(samples).value();
        };
    }
}
