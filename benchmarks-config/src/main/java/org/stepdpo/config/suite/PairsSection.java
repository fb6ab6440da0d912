package org.stepdpo.config.suite;

import static org.stepdpo.config.suite.Range.NON_NEGATIVE;
import static org.stepdpo.config.suite.Range.POSITIVE;

/**
 * Pair building: how many preference pairs each error and problem may give ({@code pairs:}); 0 means no limit.
 *
 * @param maxPairsPerError      step pairs per first wrong step (default 1)
 * @param maxPairsPerProblem    step pairs per problem (default 0)
 * @param maxStepChars          drop pairs whose chosen or rejected step is longer (default 0)
 * @param maxDpoPairsPerProblem whole-answer (DPO) pairs per problem (default 0)
 */
public record PairsSection(@Bound(POSITIVE) int maxPairsPerError, @Bound(NON_NEGATIVE) int maxPairsPerProblem,
                           @Bound(NON_NEGATIVE) int maxStepChars, @Bound(NON_NEGATIVE) int maxDpoPairsPerProblem) {

    public static final PairsSection DEFAULTS = new PairsSection(1, 0, 0, 0);
}
