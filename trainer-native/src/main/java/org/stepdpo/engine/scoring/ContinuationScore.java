package org.stepdpo.engine.scoring;

/**
 * log π(continuation | prefix).
 *
 * @param logProbSum     sum of the continuation tokens' log-probabilities (what DPO needs)
 * @param tokenLogProbs  one log-probability per continuation token, in order
 * @param tokens         the continuation's token ids
 */
public record ContinuationScore(double logProbSum, float[] tokenLogProbs, int[] tokens) {
}
