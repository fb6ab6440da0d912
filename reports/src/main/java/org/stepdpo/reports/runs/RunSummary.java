package org.stepdpo.reports.runs;

import java.util.List;

import org.stepdpo.metrics.AnswerMetrics;
import org.stepdpo.metrics.ScoredSample;
import org.stepdpo.metrics.Share;

/**
 * Summary metrics of a finished run, as docs/METRICS.md defines them; {@link #of} computes them from the run's
 * samples, which is how {@link RunStore#finishRun} stores them.
 *
 * @param nProblems     number of problems
 * @param nSamples      number of graded samples (all completions of all problems)
 * @param nCorrect      number of samples whose final answer is right
 * @param nFirstCorrect number of problems whose first sample is right: the accuracy's numerator
 * @param passAt1       pass@1: mean over problems of the share of right samples; null without samples
 * @param majAtK        maj@k accuracy, or null when there is one sample per problem
 * @param majK          the k of maj@k, or null with {@code majAtK}
 * @param meanSteps     mean number of steps per sample; null without samples
 */
public record RunSummary(int nProblems, int nSamples, int nCorrect, int nFirstCorrect, Double passAt1, Double majAtK,
        Integer majK, Double meanSteps) {

    public RunSummary {
        if (nProblems < 0 || nSamples < 0 || nCorrect < 0 || nCorrect > nSamples || nFirstCorrect < 0
                || nFirstCorrect > nProblems || nFirstCorrect > nCorrect) {
            throw new IllegalArgumentException("summary counts are inconsistent: problems=" + nProblems + ", samples="
                    + nSamples + ", correct=" + nCorrect + ", first correct=" + nFirstCorrect
                    + "; expected 0 <= correct <= samples and 0 <= first correct <= min(problems, correct)");
        }
        requireShare(passAt1, "passAt1");
        if ((majAtK == null) != (majK == null)) {
            throw new IllegalArgumentException("majAtK and majK go together; got majAtK=" + majAtK + ", majK=" + majK);
        }
        requireShare(majAtK, "majAtK");
        if (meanSteps != null && !(meanSteps >= 0)) {
            throw new IllegalArgumentException("meanSteps is " + meanSteps + "; expected >= 0");
        }
    }

    /** The summary of a run's samples (none for a training run). */
    public static RunSummary of(List<ScoredSample> samples) {
        AnswerMetrics m = AnswerMetrics.of(samples);
        return new RunSummary(m.problems(), m.samples(), m.correctSamples(), m.accuracy().count(), m.passAt1(),
                m.majAtKValue(), m.majAtK() == null ? null : m.k(), m.steps().value());
    }

    /** Accuracy: problems whose first sample is right / problems; null for a run without samples. */
    public Double accuracy() {
        return new Share(nFirstCorrect, nProblems).value();
    }

    private static void requireShare(Double value, String field) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " is " + value + "; expected a share in [0, 1]");
        }
    }
}
