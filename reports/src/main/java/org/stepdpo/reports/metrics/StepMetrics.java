package org.stepdpo.reports.metrics;

import java.util.List;

/**
 * Per-step metrics of a run. "Judged" samples are those a step judge looked at (a first wrong step found or
 * any step verdict given); the shares below are over judged samples and are null when there are none.
 *
 * @param meanSteps                mean number of steps per sample (all samples)
 * @param judged                   judged samples
 * @param processCorrect           judged samples in which no step was judged wrong
 * @param processAccuracy          processCorrect / judged
 * @param rightAnswers             judged samples with a right final answer
 * @param rightThroughWrongStep    of those, how many contain a wrong step
 * @param rightThroughWrongShare   rightThroughWrongStep / rightAnswers
 * @param firstErrorByPosition     first wrong step's position, 1-based ("step 1", "step 2"...): count per position
 * @param firstErrorByRelative     first wrong step's relative position (position / steps) in tenths: 10 bins
 */
public record StepMetrics(double meanSteps, int judged, int processCorrect, Double processAccuracy, int rightAnswers,
        int rightThroughWrongStep, Double rightThroughWrongShare, List<Bin> firstErrorByPosition,
        List<Bin> firstErrorByRelative) {

    /** One bar of a distribution. */
    public record Bin(String label, int count) {
    }

    public StepMetrics {
        firstErrorByPosition = List.copyOf(firstErrorByPosition);
        firstErrorByRelative = List.copyOf(firstErrorByRelative);
    }

    /** How many samples have a first wrong step. */
    public int withFirstError() {
        return firstErrorByPosition.stream().mapToInt(Bin::count).sum();
    }
}
