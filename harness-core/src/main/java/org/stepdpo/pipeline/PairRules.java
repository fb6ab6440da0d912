package org.stepdpo.pipeline;

/**
 * How candidate pairs become training pairs (see {@link PairBuilder}).
 *
 * @param dedupe                  drop a pair whose (problem, prefix, chosen, rejected) repeats an earlier one,
 *                                compared with white space normalised
 * @param dropIdentical           drop a pair whose chosen step equals its rejected step (white space normalised)
 * @param maxPairsPerError        most pairs from one wrong answer (0 = no limit); the paper keeps every unique
 *                                right first step, the default keeps one so that each error counts once
 * @param maxPairsPerProblem      most step pairs from one problem (0 = no limit)
 * @param maxStepChars            drop a pair whose chosen or rejected step is longer (0 = no limit); steps are
 *                                never cut, since a cut step is text the model did not write
 * @param maxDpoPairsPerProblem most whole-answer (vanilla DPO) pairs from one problem (0 = no limit)
 */
public record PairRules(boolean dedupe, boolean dropIdentical, int maxPairsPerError, int maxPairsPerProblem,
                        int maxStepChars, int maxDpoPairsPerProblem) {

    public PairRules {
        if (maxPairsPerError < 0 || maxPairsPerProblem < 0 || maxStepChars < 0 || maxDpoPairsPerProblem < 0) {
            throw new IllegalArgumentException("pair limits must be >= 0 (0 = no limit)");
        }
    }

    public static PairRules defaults() {
        return new PairRules(true, true, 1, 0, 0, 0);
    }

    static boolean within(int count, int limit) {
        return limit == 0 || count < limit;
    }
}
