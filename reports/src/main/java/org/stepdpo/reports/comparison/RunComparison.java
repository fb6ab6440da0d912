package org.stepdpo.reports.comparison;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stepdpo.metrics.Metrics;
import org.stepdpo.metrics.ScoredSample;
import org.stepdpo.reports.runs.SampleOutcome;

/**
 * Two runs on the same problems, problem by problem (matched by problem id). A problem is right in a run when its
 * first sample is right, as the accuracy counts it (docs/METRICS.md; with one sample per problem, the sample).
 * Problems that only one run has are counted and left out of the test.
 *
 * @param common     problems both runs have
 * @param bothRight  common problems right in both runs
 * @param bothWrong  common problems wrong in both runs
 * @param accuracyA  accuracy of A on the common problems (null when there are none)
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
        Map<String, SampleOutcome> firstA = firstSamples(a);
        Map<String, SampleOutcome> firstB = firstSamples(b);
        List<ScoredSample> commonA = new ArrayList<>();
        List<ScoredSample> commonB = new ArrayList<>();
        int bothRight = 0;
        int bothWrong = 0;
        int onlyA = 0;
        int onlyB = 0;
        List<ProblemFlip> flips = new ArrayList<>();
        for (SampleOutcome first : firstA.values()) {
            SampleOutcome firstInB = firstB.get(first.problemId());
            if (firstInB == null) {
                continue;
            }
            commonA.add(first.scored());
            commonB.add(firstInB.scored());
            boolean okA = first.correct();
            boolean okB = firstInB.correct();
            if (okA && okB) {
                bothRight++;
            } else if (!okA && !okB) {
                bothWrong++;
            } else {
                onlyA += okA ? 1 : 0;
                onlyB += okB ? 1 : 0;
                flips.add(new ProblemFlip(first.problemId(), first.problemIndex(), okA, okB, first.sampleId(),
                        firstInB.sampleId(), first.extractedAnswer(), firstInB.extractedAnswer()));
            }
        }
        int common = commonA.size();
        long onlyInB = firstB.keySet().stream().filter(id -> !firstA.containsKey(id)).count();
        return new RunComparison(runA, runB, common, firstA.size() - common, (int) onlyInB, bothRight, bothWrong,
                Metrics.accuracy(commonA).value(), Metrics.accuracy(commonB).value(), McNemar.of(onlyA, onlyB), flips);
    }

    /** Each problem's first sample (lowest sample index), problems in first-seen order. */
    private static Map<String, SampleOutcome> firstSamples(List<SampleOutcome> samples) {
        Map<String, SampleOutcome> first = new LinkedHashMap<>();
        for (SampleOutcome s : samples) {
            first.merge(s.problemId(), s, (x, y) -> y.sampleIndex() < x.sampleIndex() ? y : x);
        }
        return first;
    }
}
