package org.stepdpo.reports.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.stepdpo.metrics.Mean;
import org.stepdpo.metrics.Metrics;
import org.stepdpo.metrics.ScoredSample;
import org.stepdpo.metrics.Share;
import org.stepdpo.reports.runs.SampleOutcome;

/**
 * The metrics of one run, computed from its stored samples by {@link Metrics} (docs/METRICS.md).
 *
 * @param overall   answer metrics over all samples
 * @param byLevel   the same per difficulty level (levels in name order; samples without a level left out)
 * @param bySubject the same per subject
 * @param steps     per-step metrics
 * @param judge     agreement with gold step labels, or null when no sample carries one
 */
public record RunMetrics(GroupMetrics overall, List<GroupMetrics> byLevel, List<GroupMetrics> bySubject,
        StepMetrics steps, JudgeAgreement judge) {

    static final int RELATIVE_BINS = 10;

    /** Computes the metrics; {@code samples} in problem then sample order, as {@code RunStore.outcomes} reads them. */
    public static RunMetrics of(List<SampleOutcome> samples) {
        List<ScoredSample> scored = samples.stream().map(SampleOutcome::scored).toList();
        return new RunMetrics(GroupMetrics.of("all", scored), groups(samples, SampleOutcome::level),
                groups(samples, SampleOutcome::subject), steps(scored), judge(samples));
    }

    private static List<GroupMetrics> groups(List<SampleOutcome> samples, Function<SampleOutcome, String> key) {
        Map<String, List<ScoredSample>> byGroup = new TreeMap<>();
        for (SampleOutcome s : samples) {
            String g = key.apply(s);
            if (g != null && !g.isBlank()) {
                byGroup.computeIfAbsent(g, x -> new ArrayList<>()).add(s.scored());
            }
        }
        List<GroupMetrics> result = new ArrayList<>();
        byGroup.forEach((g, list) -> result.add(GroupMetrics.of(g, list)));
        return result;
    }

    private static StepMetrics steps(List<ScoredSample> samples) {
        Share process = Metrics.processAccuracy(samples);
        Share throughWrong = Metrics.rightThroughWrongStep(samples);
        Mean firstError = Metrics.firstErrorPosition(samples);
        List<ScoredSample> located = Metrics.wrongWithLocatedError(samples);
        return new StepMetrics(Metrics.meanSteps(samples).value(), process.of(), process.count(), process.value(),
                throughWrong.of(), throughWrong.count(), throughWrong.value(), firstError.value(), firstError.n(),
                byPosition(located), byRelativePosition(located));
    }

    /** Count per 1-based position of the first wrong step, "step 1" up to the last position that occurs. */
    private static List<StepMetrics.Bin> byPosition(List<ScoredSample> located) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        located.forEach(s -> counts.merge(s.firstErrorPosition(), 1, Integer::sum));
        List<StepMetrics.Bin> bins = new ArrayList<>();
        for (int p = 1; !counts.isEmpty() && p <= counts.lastKey(); p++) {
            bins.add(new StepMetrics.Bin("step " + p, counts.getOrDefault(p, 0)));
        }
        return bins;
    }

    /** Count per tenth of position / steps; none when nothing is located. */
    private static List<StepMetrics.Bin> byRelativePosition(List<ScoredSample> located) {
        if (located.isEmpty()) {
            return List.of();
        }
        int[] tenths = new int[RELATIVE_BINS];
        for (ScoredSample s : located) {
            // Position p of n steps lies in (0, 1]; tenth i holds (i/10, (i+1)/10].
            double share = s.firstErrorPosition() / (double) s.steps();
            tenths[Math.min(RELATIVE_BINS - 1, (int) Math.ceil(share * RELATIVE_BINS - 1e-9) - 1)]++;
        }
        List<StepMetrics.Bin> bins = new ArrayList<>();
        for (int i = 0; i < RELATIVE_BINS; i++) {
            bins.add(new StepMetrics.Bin((i * 10) + "–" + ((i + 1) * 10) + "%", tenths[i]));
        }
        return bins;
    }

    private static JudgeAgreement judge(List<SampleOutcome> samples) {
        List<JudgeAgreement.Item> items = new ArrayList<>();
        for (SampleOutcome s : samples) {
            if (s.goldFirstError() != null) {
                Integer predicted = !s.judged() ? null : s.firstErrorStep() == null ? -1 : s.firstErrorStep();
                items.add(new JudgeAgreement.Item(s.goldFirstError(), predicted));
            }
        }
        return JudgeAgreement.score(items);
    }
}
