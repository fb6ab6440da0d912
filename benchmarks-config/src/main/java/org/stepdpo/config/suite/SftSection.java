package org.stepdpo.config.suite;

import static org.stepdpo.config.suite.Range.FRACTION;
import static org.stepdpo.config.suite.Range.NON_NEGATIVE;
import static org.stepdpo.config.suite.Range.POSITIVE;

/**
 * Supervised fine-tuning of a model the project creates itself ({@code model.sft:}), on the train split.
 *
 * @param steps             optimiser steps; 0 (default): from {@code epochs}
 * @param epochs            passes over the train split when {@code steps} is 0 (default 1)
 * @param batch             examples per step (default 32)
 * @param lr                peak learning rate (default 1e-3)
 * @param warmupRatio       share of the steps spent warming up (default 0.05)
 * @param weightDecay       AdamW weight decay (default 0)
 * @param maxGradNorm       gradient clipping; 0: none (default 1)
 * @param saveEvery         checkpoint every N steps; 0: only at the end (default 100)
 * @param wording           arith only: comma-separated step wordings of the SFT solutions
 *                          ({@code compact,spaced,words}); absent (default): the gold solutions as they are
 * @param misconception     arith only: a wrong rule the SFT data follows, e.g. {@code loses=add}; absent: none
 * @param misconceptionRate share of the affected steps that follow it (default 1 when a misconception is set)
 */
public record SftSection(@Bound(NON_NEGATIVE) int steps, @Bound(POSITIVE) double epochs, @Bound(POSITIVE) int batch,
                         @Bound(POSITIVE) double lr, @Bound(FRACTION) double warmupRatio,
                         @Bound(NON_NEGATIVE) double weightDecay, @Bound(NON_NEGATIVE) double maxGradNorm,
                         @Bound(NON_NEGATIVE) int saveEvery, String wording, String misconception,
                         @Bound(FRACTION) Double misconceptionRate) {

    public static final SftSection DEFAULTS = new SftSection(0, 1, 32, 1e-3, 0.05, 0.0, 1.0, 100, null, null, null);
}
