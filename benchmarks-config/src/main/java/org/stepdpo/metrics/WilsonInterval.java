package org.stepdpo.metrics;

/**
 * Wilson score interval for a binomial proportion (E. B. Wilson, 1927): with p = k/n,
 * <pre>
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z / (1 + z²/n) · sqrt(p(1-p)/n + z²/4n²)
 * </pre>
 * Unlike the normal approximation it stays inside [0, 1] and is sensible at 0/n and n/n.
 */
public record WilsonInterval(double low, double high) {

    /** z for a two-sided 95% interval. */
    public static final double Z_95 = 1.959963984540054;

    public WilsonInterval {
        if (!(0 <= low && low <= high && high <= 1)) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] is not inside [0, 1]");
        }
    }

    /**
     * @param successes k, 0 <= k <= n
     * @param n         number of trials; with n = 0 nothing is known and the interval is [0, 1]
     * @param z         standard normal quantile, e.g. {@link #Z_95}
     */
    public static WilsonInterval of(long successes, long n, double z) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n; got successes=" + successes + ", n=" + n);
        }
        if (!(z > 0)) {
            throw new IllegalArgumentException("z must be positive; got " + z);
        }
        if (n == 0) {
            return new WilsonInterval(0, 1);
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // Rounding can push the ends a hair past the exact 0 or 1 they reach at k = 0 or k = n.
        double low = successes == 0 ? 0 : Math.max(0, centre - half);
        double high = successes == n ? 1 : Math.min(1, centre + half);
        return new WilsonInterval(low, high);
    }

    /** The 95% interval. */
    public static WilsonInterval of95(long successes, long n) {
        return of(successes, n, Z_95);
    }
}
