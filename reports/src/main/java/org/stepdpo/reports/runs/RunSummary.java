package org.stepdpo.reports.runs;

/**
 * Summary metrics of a finished run.
 *
 * @param nProblems number of problems
 * @param nSamples  number of graded samples (all completions of all problems)
 * @param nCorrect  number of samples whose final answer is right
 * @param passAt1   pass@1: mean over problems of the share of right samples
 * @param majAtK    maj@k accuracy, or null when there is one sample per problem
 * @param majK      the k of maj@k, or null with {@code majAtK}
 * @param meanSteps mean number of steps per sample
 */
public record RunSummary(int nProblems, int nSamples, int nCorrect, double passAt1, Double majAtK, Integer majK,
        double meanSteps) {

    public RunSummary {
        if (nProblems < 0 || nSamples < 0 || nCorrect < 0 || nCorrect > nSamples) {
            throw new IllegalArgumentException("summary counts are inconsistent: problems=" + nProblems + ", samples="
                    + nSamples + ", correct=" + nCorrect + "; expected 0 <= correct <= samples");
        }
        requireShare(passAt1, "passAt1");
        if ((majAtK == null) != (majK == null)) {
            throw new IllegalArgumentException("majAtK and majK go together; got majAtK=" + majAtK + ", majK=" + majK);
        }
        if (majAtK != null) {
            requireShare(majAtK, "majAtK");
        }
        if (!(meanSteps >= 0)) {
            throw new IllegalArgumentException("meanSteps is " + meanSteps + "; expected >= 0");
        }
    }

    /** Accuracy over all samples: nCorrect / nSamples (0 for an empty run). */
    public double accuracy() {
        return nSamples == 0 ? 0.0 : (double) nCorrect / nSamples;
    }

    private static void requireShare(double value, String field) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " is " + value + "; expected a share in [0, 1]");
        }
    }
}
