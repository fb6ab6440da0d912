package org.stepdpo.config.suite;

import static org.stepdpo.config.suite.Range.NON_NEGATIVE;
import static org.stepdpo.config.suite.Range.POSITIVE;

/**
 * Evaluation of every model on the test split ({@code evaluation:}).
 *
 * @param maxTokens longest greedy answer (default 512)
 * @param samples   answers sampled per test problem at the sampling temperature for pass@k and maj@k; absent
 *                  (default): {@code sampling.k}; 0: none
 */
public record EvaluationSection(@Bound(POSITIVE) int maxTokens, @Bound(NON_NEGATIVE) Integer samples) {

    public static final EvaluationSection DEFAULTS = new EvaluationSection(512, null);

    /** Sampled answers per test problem: {@code samples}, else {@code k}. */
    public int samplesOr(int k) {
        return samples != null ? samples : k;
    }
}
