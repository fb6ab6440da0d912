package org.stepdpo.reports.metrics;

import java.util.List;

/**
 * Per-step metrics of a run, as docs/METRICS.md defines them. "Judged" samples are those a step judge gave a
 * verdict on (a first wrong step found or any step verdict given); shares are null when their denominator is empty.
 *
 * @param meanSteps              mean number of steps per sample (all samples); null without samples
 * @param judged                 judged samples
 * @param processCorrect         judged samples with a right final answer and no step judged wrong
 * @param processAccuracy        processCorrect / judged
 * @param rightAnswers           right answers the judge assessed (judged samples with a right final answer)
 * @param rightThroughWrongStep  of those, how many contain a wrong step
 * @param rightThroughWrongShare rightThroughWrongStep / rightAnswers
 * @param firstErrorPosition     first-error position: mean 1-based position of the first wrong step over wrong
 *                               answers in which the judge located one; null when there are none
 * @param wrongLocalized         those wrong answers (the mean's denominator)
 * @param firstErrorByPosition   the distribution behind the mean, over the same wrong answers: count per 1-based
 *                               position ("step 1", "step 2"...)
 * @param firstErrorByRelative   the same wrong answers by relative position (position / steps) in tenths: 10 bins
 */
public record StepMetrics(Double meanSteps, int judged, int processCorrect, Double processAccuracy, int rightAnswers,
        int rightThroughWrongStep, Double rightThroughWrongShare, Double firstErrorPosition, int wrongLocalized,
        List<Bin> firstErrorByPosition, List<Bin> firstErrorByRelative) {

    /** One bar of a distribution. */
    public record Bin(String label, int count) {
    }

    public StepMetrics {
        firstErrorByPosition = List.copyOf(firstErrorByPosition);
        firstErrorByRelative = List.copyOf(firstErrorByRelative);
    }
}
