package org.stepdpo.config.suite;

import static org.stepdpo.config.suite.Range.NON_NEGATIVE;
import static org.stepdpo.config.suite.Range.POSITIVE;

/**
 * A test set evaluated beside the suite's own ({@code benchmarks.NAME:}), e.g. MATH-500, GSM8K test, AIME 2024.
 *
 * @param adapter   the dataset adapter that reads it ({@code math500}, {@code gsm8k}, {@code aime}, ...)
 * @param file      the data file
 * @param maxTokens longest answer; absent (default): {@code evaluation.max_tokens}
 * @param limit     the first N problems; 0 (default): all
 */
public record BenchmarkSection(@Required String adapter, @Required String file, @Bound(POSITIVE) Integer maxTokens,
                               @Bound(NON_NEGATIVE) int limit) {

    public static final BenchmarkSection DEFAULTS = new BenchmarkSection(null, null, null, 0);

    public BenchmarkSection withFile(String file) {
        return new BenchmarkSection(adapter, file, maxTokens, limit);
    }
}
