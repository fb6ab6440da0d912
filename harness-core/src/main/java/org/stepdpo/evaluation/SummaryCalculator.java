package org.stepdpo.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.stepdpo.data.Problem;
import org.stepdpo.metrics.AnswerMetrics;
import org.stepdpo.metrics.ScoredSample;

/** Computes an {@link EvalSummary} from graded samples, with {@code org.stepdpo.metrics}. */
public final class SummaryCalculator {

    public EvalSummary summarize(List<SampleResult> samples) {
        return new EvalSummary(AnswerMetrics.of(samples.stream().map(SummaryCalculator::scored).toList()),
                perGroup(samples, Problem::level), perGroup(samples, Problem::subject));
    }

    /** A graded completion as the metrics see it; evaluation runs no step judge. */
    static ScoredSample scored(SampleResult s) {
        return new ScoredSample(s.problem().id(), s.sample(), s.correct(), s.steps().size(), false, null, s.extracted());
    }

    private static Map<String, AnswerMetrics> perGroup(List<SampleResult> samples, Function<Problem, String> key) {
        Map<String, List<ScoredSample>> groups = new TreeMap<>();
        for (SampleResult s : samples) {
            String group = key.apply(s.problem());
            if (group != null && !group.isBlank()) {
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(scored(s));
            }
        }
        Map<String, AnswerMetrics> result = new LinkedHashMap<>();
        groups.forEach((g, list) -> result.put(g, AnswerMetrics.of(list)));
        return result;
    }
}
