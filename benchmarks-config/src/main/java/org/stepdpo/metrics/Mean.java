package org.stepdpo.metrics;

/**
 * A mean {@code total / n} of whole numbers (steps, positions), with its parts.
 *
 * @param total the sum
 * @param n     how many numbers were summed
 */
public record Mean(long total, int n) {

    public Mean {
        if (n < 0) {
            throw new IllegalArgumentException("a mean needs n >= 0; got " + n);
        }
    }

    /** total / n, or null when n is 0 (the mean of nothing is undefined, not 0). */
    public Double value() {
        return n == 0 ? null : (double) total / n;
    }
}
