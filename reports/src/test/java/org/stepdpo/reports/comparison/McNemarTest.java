package org.stepdpo.reports.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class McNemarTest {

    @Test
    void exactAndMidPMatchTheBinomialByHand() {
        // n = 10, min = 1: P(X <= 1) = 11/1024, P(X = 1) = 10/1024.
        McNemar t = McNemar.of(1, 9);
        assertThat(t.exactP()).isCloseTo(22 / 1024.0, within(1e-15));
        assertThat(t.midP()).isCloseTo(12 / 1024.0, within(1e-15));
        assertThat(McNemar.of(9, 1)).isEqualTo(new McNemar(9, 1, t.exactP(), t.midP()));
    }

    @Test
    void noDifferenceGivesOne() {
        assertThat(McNemar.of(0, 0)).extracting(McNemar::exactP, McNemar::midP).containsExactly(1.0, 1.0);
        assertThat(McNemar.of(5, 5).exactP()).isEqualTo(1.0);
        assertThat(McNemar.of(5, 5).midP()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void largeCountsStayFinite() {
        // 400 vs 600 discordant: a real difference, far below 1e-9; the computation must not underflow to NaN.
        McNemar t = McNemar.of(400, 600);
        assertThat(t.exactP()).isPositive().isLessThan(1e-9);
        assertThat(t.midP()).isPositive().isLessThan(t.exactP());
        assertThatThrownBy(() -> McNemar.of(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
