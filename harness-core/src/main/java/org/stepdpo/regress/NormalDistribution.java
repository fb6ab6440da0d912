package org.stepdpo.regress;

/** The standard normal distribution's CDF and quantile, accurate to about 1e-7 (ample for p-values). */
final class NormalDistribution {

    private NormalDistribution() {
    }

    /** Φ(z) = erfc(−z/√2)/2. */
    static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** The z with Φ(z) = p, by bisection on {@link #cdf} (called a few times per report, so speed is moot). */
    static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1); got " + p);
        }
        double lo = -40;
        double hi = 40;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * Complementary error function by the Chebyshev fit of Numerical Recipes ("erfcc"), fractional error below
     * 1.2e-7 everywhere.
     */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
