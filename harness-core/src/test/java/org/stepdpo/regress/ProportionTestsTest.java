package org.stepdpo.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionTestsTest {

    @Test
    void normalDistribution() {
        assertThat(NormalDistribution.cdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(NormalDistribution.cdf(1.959963984540054)).isCloseTo(0.975, within(1e-6));
        assertThat(NormalDistribution.cdf(-1)).isCloseTo(0.158655254, within(1e-6));
        assertThat(NormalDistribution.quantile(0.975)).isCloseTo(1.959964, within(1e-5));
    }

    @Test
    void newcombeHybridScoreIntervalMatchesThePublishedExample() {
        // Newcombe (1998), independent proportions, example (a): 56/70 vs 48/80, difference 0.2000,
        // method 10 interval 0.0524 to 0.3339. Here "now" is 56/70 and the baseline 48/80.
        DifferenceTest t = IndependentProportions.test(48, 80, 56, 70, 0.05);
        assertThat(t.low()).isCloseTo(0.0524, within(5e-4));
        assertThat(t.high()).isCloseTo(0.3339, within(5e-4));
    }

    @Test
    void twoProportionZTestWorkedExample() {
        // 60/100 then 45/100: pooled 0.525, se = sqrt(0.525 * 0.475 * 0.02) = 0.07062, z = 2.124, p = 0.0337.
        DifferenceTest t = IndependentProportions.test(60, 100, 45, 100, 0.05);
        assertThat(t.pValue()).isCloseTo(0.0337, within(5e-4));
        assertThat(t.high()).isNegative();
        assertThat(IndependentProportions.test(0, 10, 0, 12, 0.05).pValue()).isEqualTo(1.0);
    }

    @Test
    void pairedTestIsMcNemarExactAndItsIntervalIsNarrowerThanTheIndependentOne() {
        // 100 problems, 50 right in both, 10 right only in the baseline, 0 only now: p = 2 / 2^10.
        DifferenceTest paired = PairedProportions.test(50, 10, 0, 40, 0.05);
        assertThat(paired.name()).isEqualTo("McNemar exact");
        assertThat(paired.pValue()).isCloseTo(2.0 / 1024, within(1e-9));
        assertThat(paired.low()).isLessThan(-0.10).isGreaterThan(-0.2);
        assertThat(paired.high()).isNegative();
        DifferenceTest independent = IndependentProportions.test(60, 100, 50, 100, 0.05);
        assertThat(paired.high() - paired.low()).isLessThan(independent.high() - independent.low());
        // Without correlation the paired interval is the independent one.
        assertThat(PairedProportions.phi(25, 25, 25, 25)).isZero();
        DifferenceTest uncorrelated = PairedProportions.test(25, 25, 25, 25, 0.05);
        DifferenceTest same = IndependentProportions.test(50, 100, 50, 100, 0.05);
        assertThat(uncorrelated.low()).isCloseTo(same.low(), within(1e-12));
        assertThat(uncorrelated.high()).isCloseTo(same.high(), within(1e-12));
        assertThat(uncorrelated.pValue()).isEqualTo(1.0);
    }
}
