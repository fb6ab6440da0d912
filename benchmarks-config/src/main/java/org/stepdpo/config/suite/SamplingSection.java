package org.stepdpo.config.suite;

import static org.stepdpo.config.suite.Range.NON_NEGATIVE;
import static org.stepdpo.config.suite.Range.POSITIVE;
import static org.stepdpo.config.suite.Range.SHARE;

/**
 * Error collection: how the policy samples answers to the train problems ({@code sampling:}).
 *
 * @param problems    sample from the first N problems of the train split; 0 (default): all of them
 * @param k           answers per problem (default 4)
 * @param temperature sampling temperature (default 0.8); also the rectification's and the rollout judge's
 * @param topP        nucleus mass (default 0.95)
 * @param topK        top-k cut; 0 (default): none
 * @param maxTokens   longest answer in tokens (default 512)
 * @param batch       prompts generated together (default 64)
 */
public record SamplingSection(@Bound(NON_NEGATIVE) int problems, @Bound(POSITIVE) int k,
                              @Bound(NON_NEGATIVE) double temperature, @Bound(SHARE) double topP,
                              @Bound(NON_NEGATIVE) int topK, @Bound(POSITIVE) int maxTokens,
                              @Bound(POSITIVE) int batch) {

    public static final SamplingSection DEFAULTS = new SamplingSection(0, 4, 0.8, 0.95, 0, 512, 64);
}
