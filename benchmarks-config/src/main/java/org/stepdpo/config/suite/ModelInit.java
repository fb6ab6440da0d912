package org.stepdpo.config.suite;

import static org.stepdpo.config.suite.Range.NON_NEGATIVE;
import static org.stepdpo.config.suite.Range.POSITIVE;

/**
 * The shape of a model the project creates itself ({@code model.init:}); the defaults are the engine's small
 * shape (4 layers, width 128, 4 query / 2 KV heads).
 *
 * @param arch         {@code qwen2} (default), {@code qwen3}, {@code llama} or {@code mistral}
 * @param vocabSize    0 (default): the tokenizer's
 * @param hidden       width (default 128)
 * @param intermediate MLP width (default 352)
 * @param layers       decoder layers (default 4)
 * @param heads        query heads (default 4)
 * @param kvHeads      key/value heads (default 2)
 * @param ropeTheta    RoPE base (default 10000)
 * @param rmsNormEps   RMSNorm epsilon (default 1e-6)
 */
public record ModelInit(String arch, @Bound(NON_NEGATIVE) int vocabSize, @Bound(POSITIVE) int hidden,
                        @Bound(POSITIVE) int intermediate, @Bound(POSITIVE) int layers, @Bound(POSITIVE) int heads,
                        @Bound(POSITIVE) int kvHeads, @Bound(POSITIVE) double ropeTheta,
                        @Bound(POSITIVE) double rmsNormEps) {

    public static final ModelInit DEFAULTS = new ModelInit("qwen2", 0, 128, 352, 4, 4, 2, 10000.0, 1e-6);
}
