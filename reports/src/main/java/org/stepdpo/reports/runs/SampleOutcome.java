package org.stepdpo.reports.runs;

import org.stepdpo.metrics.ScoredSample;

/**
 * A sample without its texts: what the metrics need, read for a whole run at once.
 *
 * @param judged whether a judge looked at the sample (a first error or any step verdict)
 */
public record SampleOutcome(long sampleId, String problemId, int problemIndex, int sampleIndex, boolean correct,
        String extractedAnswer, String level, String subject, Integer firstErrorStep, Integer goldFirstError,
        int nSteps, boolean judged) {

    /** The sample as the metrics see it (docs/METRICS.md). */
    public ScoredSample scored() {
        return new ScoredSample(problemId, sampleIndex, correct, nSteps, judged, firstErrorStep, extractedAnswer);
    }
}
