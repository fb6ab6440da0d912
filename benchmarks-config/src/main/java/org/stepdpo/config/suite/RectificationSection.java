package org.stepdpo.config.suite;

import static org.stepdpo.config.suite.Range.POSITIVE;

/**
 * Rectification ({@code rectification:}).
 *
 * @param n continuations the policy writes from each first wrong step's prefix (default 20, as the paper)
 */
public record RectificationSection(@Bound(POSITIVE) int n) {

    public static final RectificationSection DEFAULTS = new RectificationSection(20);
}
