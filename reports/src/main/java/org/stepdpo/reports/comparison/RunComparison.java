package org.stepdpo.reports.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.stepdpo.reports.metrics.MajorityVote;
import org.stepdpo.reports.metrics.RunMetrics;
import org.stepdpo.reports.runs.SampleOutcome;

/**
 * Two runs on the same problems, problem by problem (matched by problem id). A problem counts as right in a run
 * when its majority answer is right ({@link MajorityVote}); with one sample per problem that is the sample's
 * correctness. Problems that only one run has are counted and left out of the test.
 *
 * @param common     problems both runs have
 * @param bothRight  common problems right in both runs
 * @param bothWrong  common problems wrong in both runs
 * @param accuracyA  share of common problems right in A (null when there are none)
 * @param mcnemar    McNemar's test on the discordant problems
 * @param flips      the discordant problems, by problem index
 */
public record RunComparison(long runA, long runB, int common, int onlyInA, int onlyInB, int bothRight, int bothWrong,
        Double accuracyA, Double accuracyB, McNemar mcnemar, List<ProblemFlip> flips) {

    public RunComparison {
        flips = List.copyOf(flips);
    }

    /** Compares two runs from their stored samples ({@code RunStore.outcomes}). */
    public static RunComparison of(long runA, List<SampleOutcome> a, long runB, List<SampleOutcome> b) {
        Map<String, List<SampleOutcome>> problemsA = RunMetrics.byProblem(a);
        Map<String, List<SampleOutcome>> problemsB = RunMetrics.byProblem(b);
        int common = 0;
        int bothRight = 0;
        int bothWrong = 0;
        int rightA = 0;
        int rightB = 0;
        int onlyA = 0;
        int onlyB = 0;
        List<ProblemFlip> flips = new ArrayList<>();
        for (Map.Entry<String, List<SampleOutcome>> e : problemsA.entrySet()) {
            List<SampleOutcome> inB = problemsB.get(e.getKey());
            if (inB == null) {
                continue;
            }
            common++;
            boolean okA = MajorityVote.isRight(e.getValue());
            boolean okB = MajorityVote.isRight(inB);
            rightA += okA ? 1 : 0;
            rightB += okB ? 1 : 0;
            if (okA && okB) {
                bothRight++;
            } else if (!okA && !okB) {
                bothWrong++;
            } else {
                onlyA += okA ? 1 : 0;
                onlyB += okB ? 1 : 0;
                SampleOutcome first = e.getValue().get(0);
                SampleOutcome firstB = inB.get(0);
                flips.add(new ProblemFlip(e.getKey(), first.problemIndex(), okA, okB, first.sampleId(), firstB.sampleId(),
                        first.extractedAnswer(), firstB.extractedAnswer()));
            }
        }
        final int shared = common;
        long onlyInB = problemsB.keySet().stream().filter(id -> !problemsA.containsKey(id)).count();
        return new RunComparison(runA, runB, common, problemsA.size() - shared, (int) onlyInB, bothRight, bothWrong,
                common == 0 ? null : rightA / (double) common, common == 0 ? null : rightB / (double) common,
                McNemar.of(onlyA, onlyB), flips);
    }
}
