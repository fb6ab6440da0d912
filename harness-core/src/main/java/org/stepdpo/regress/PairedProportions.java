package org.stepdpo.regress;

import org.stepdpo.metrics.WilsonInterval;
import org.stepdpo.reports.comparison.McNemar;

/**
 * Two proportions on the same problems (paired binary outcomes): of n problems, {@code bothRight} were right in
 * both runs, {@code onlyBaseline} only in the baseline, {@code onlyNow} only now, the rest in neither.
 * <ul>
 * <li>test: McNemar's exact test ({@link McNemar}): only the discordant problems carry information, and under
 * "no difference" each is equally likely to have flipped either way;</li>
 * <li>interval of now − baseline: Newcombe's score interval for paired data (method 10 of R. G. Newcombe,
 * "Improved confidence intervals for the difference between binomial proportions based on paired data",
 * Statistics in Medicine 17, 1998): the two Wilson intervals combined with the correlation φ of the pairs.</li>
 * </ul>
 * Pairing is what makes a small suite sensitive: two runs that agree on most problems differ by far less than
 * two independent samples of the same size would.
 */
final class PairedProportions {

    static final String NAME = "McNemar exact";

    private PairedProportions() {
    }

    static DifferenceTest test(int bothRight, int onlyBaseline, int onlyNow, int bothWrong, double alpha) {
        int n = bothRight + onlyBaseline + onlyNow + bothWrong;
        if (n <= 0) {
            throw new IllegalArgumentException("no paired problems");
        }
        double p1 = (double) (bothRight + onlyBaseline) / n;
        double p2 = (double) (bothRight + onlyNow) / n;
        double z = NormalDistribution.quantile(1 - alpha / 2);
        WilsonInterval w1 = WilsonInterval.of(bothRight + onlyBaseline, n, z);
        WilsonInterval w2 = WilsonInterval.of(bothRight + onlyNow, n, z);
        double phi = phi(bothRight, onlyBaseline, onlyNow, bothWrong);
        double d = p2 - p1;
        double l2 = p2 - w2.low();
        double u1 = w1.high() - p1;
        double u2 = w2.high() - p2;
        double l1 = p1 - w1.low();
        double low = d - Math.sqrt(Math.max(0, l2 * l2 - 2 * phi * l2 * u1 + u1 * u1));
        double high = d + Math.sqrt(Math.max(0, u2 * u2 - 2 * phi * u2 * l1 + l1 * l1));
        return new DifferenceTest(NAME, McNemar.of(onlyBaseline, onlyNow).exactP(), low, high);
    }

    /** The correlation of the paired outcomes; 0 when a margin is empty (it is then undefined). */
    static double phi(int a, int b, int c, int d) {
        double denominator = Math.sqrt((double) (a + b) * (c + d) * (a + c) * (b + d));
        return denominator == 0 ? 0 : ((double) a * d - (double) b * c) / denominator;
    }
}
