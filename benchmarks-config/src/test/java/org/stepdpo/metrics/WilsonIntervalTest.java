package org.stepdpo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

    @Test
    void halfOfAHundredAtZ196() {
        WilsonInterval w = WilsonInterval.of(50, 100, 1.96);
        assertThat(w.low()).isCloseTo(0.4038, within(1e-4));
        assertThat(w.high()).isCloseTo(0.5962, within(1e-4));
    }

    @Test
    void noSuccessesStartsAtZero() {
        WilsonInterval w = WilsonInterval.of(0, 10, 1.96);
        assertThat(w.low()).isZero();
        assertThat(w.high()).isCloseTo(0.2775, within(1e-4));
    }

    @Test
    void allSuccessesEndAtOne() {
        WilsonInterval w = WilsonInterval.of(10, 10, 1.96);
        assertThat(w.low()).isCloseTo(0.7225, within(1e-4));
        assertThat(w.high()).isEqualTo(1.0);
    }

    @Test
    void asymmetricCaseMatchesReference() {
        // 81 of 263 at 95% (Newcombe 1998, example d): 0.2553 to 0.3662.
        WilsonInterval w = WilsonInterval.of95(81, 263);
        assertThat(w.low()).isCloseTo(0.2553, within(1e-4));
        assertThat(w.high()).isCloseTo(0.3662, within(1e-4));
    }

    @Test
    void largerZWidensTheInterval() {
        WilsonInterval narrow = WilsonInterval.of(30, 100, 1.0);
        WilsonInterval wide = WilsonInterval.of(30, 100, 2.576);
        assertThat(wide.low()).isLessThan(narrow.low());
        assertThat(wide.high()).isGreaterThan(narrow.high());
    }

    @Test
    void emptySampleIsUninformative() {
        assertThat(WilsonInterval.of95(0, 0)).isEqualTo(new WilsonInterval(0, 1));
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> WilsonInterval.of95(11, 10)).hasMessageContaining("successes=11, n=10");
        assertThatThrownBy(() -> WilsonInterval.of95(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilsonInterval.of(1, 10, 0)).hasMessageContaining("z must be positive");
    }
}
