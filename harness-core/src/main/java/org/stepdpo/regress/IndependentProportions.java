package org.stepdpo.regress;

import org.stepdpo.metrics.WilsonInterval;

/**
 * Two proportions from independent samples (different problems, or denominators that differ between the
 * runs), now = x2/n2 against baseline = x1/n1:
 * <ul>
 * <li>test: the pooled two-proportion z-test, z = (p2 − p1) / sqrt(p̂(1 − p̂)(1/n1 + 1/n2)) with p̂ = (x1 + x2)/(n1 + n2),
 * two-sided;</li>
 * <li>interval of p2 − p1: Newcombe's hybrid score interval (method 10 of R. G. Newcombe, "Interval estimation for
 * the difference between independent proportions", Statistics in Medicine 17, 1998), built from the two Wilson
 * intervals, which behaves at 0/n and n/n where the Wald interval does not.</li>
 * </ul>
 */
final class IndependentProportions {

    static final String NAME = "two-proportion z";

    private IndependentProportions() {
    }

    static DifferenceTest test(int x1, int n1, int x2, int n2, double alpha) {
        if (n1 <= 0 || n2 <= 0) {
            throw new IllegalArgumentException("both samples need at least one trial; got n1=" + n1 + ", n2=" + n2);
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        // All right or all wrong on both sides: no variation, so no evidence of a difference.
        double p = se == 0 ? 1 : 2 * (1 - NormalDistribution.cdf(Math.abs(p2 - p1) / se));
        double z = NormalDistribution.quantile(1 - alpha / 2);
        WilsonInterval w1 = WilsonInterval.of(x1, n1, z);
        WilsonInterval w2 = WilsonInterval.of(x2, n2, z);
        double d = p2 - p1;
        double low = d - Math.sqrt(sq(p2 - w2.low()) + sq(w1.high() - p1));
        double high = d + Math.sqrt(sq(w2.high() - p2) + sq(p1 - w1.low()));
        return new DifferenceTest(NAME, Math.min(1, p), low, high);
    }

    private static double sq(double x) {
        return x * x;
    }
}
