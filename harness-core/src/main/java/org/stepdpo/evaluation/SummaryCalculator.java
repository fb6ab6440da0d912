package org.stepdpo.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.stepdpo.data.Problem;
import org.stepdpo.reports.metrics.MajorityVote;

/** Computes an {@link EvalSummary} from graded samples. */
public final class SummaryCalculator {

    public EvalSummary summarize(List<SampleResult> samples) {
        Map<String, List<SampleResult>> byProblem = new LinkedHashMap<>();
        for (SampleResult s : samples) {
            byProblem.computeIfAbsent(s.problem().id(), id -> new ArrayList<>()).add(s);
        }
        int nCorrect = 0;
        int noAnswer = 0;
        long steps = 0;
        for (SampleResult s : samples) {
            nCorrect += s.correct() ? 1 : 0;
            noAnswer += s.extracted() == null ? 1 : 0;
            steps += s.steps().size();
        }
        double passAt1 = 0;
        int k = 0;
        int majorityCorrect = 0;
        for (List<SampleResult> group : byProblem.values()) {
            passAt1 += group.stream().filter(SampleResult::correct).count() / (double) group.size();
            k = Math.max(k, group.size());
            majorityCorrect += MajorityVote.isRight(group, SampleResult::extracted, SampleResult::correct) ? 1 : 0;
        }
        int nProblems = byProblem.size();
        int n = samples.size();
        return new EvalSummary(
                nProblems, n, nCorrect,
                ratio(nCorrect, n),
                nProblems == 0 ? 0 : passAt1 / nProblems,
                k,
                k > 1 ? ratio(majorityCorrect, nProblems) : null,
                noAnswer,
                n == 0 ? 0 : steps / (double) n,
                perGroup(samples, Problem::level),
                perGroup(samples, Problem::subject));
    }

    private static Map<String, EvalSummary.GroupAccuracy> perGroup(List<SampleResult> samples,
                                                                   Function<Problem, String> key) {
        Map<String, int[]> counts = new TreeMap<>();
        for (SampleResult s : samples) {
            String group = key.apply(s.problem());
            if (group == null || group.isBlank()) {
                continue;
            }
            int[] c = counts.computeIfAbsent(group, g -> new int[2]);
            c[0]++;
            c[1] += s.correct() ? 1 : 0;
        }
        Map<String, EvalSummary.GroupAccuracy> result = new LinkedHashMap<>();
        counts.forEach((g, c) -> result.put(g, new EvalSummary.GroupAccuracy(c[0], c[1], ratio(c[1], c[0]))));
        return result;
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : a / (double) b;
    }
}
