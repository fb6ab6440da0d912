package org.stepdpo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepdpo.data.Grade;

class HeadroomTest {

    private static Grade g(String answer, boolean right) {
        return new Grade(answer, right, "");
    }

    @Test
    void passAndMajorityByHand() {
        List<List<Grade>> grades = List.of(
                // 1 of 4 right, majority "5" (wrong): pass@4 yes, maj@4 no
                List.of(g("5", false), g("7", true), g("5", false), g(null, false)),
                // 2 of 4 right, tie 2:2, "7" seen first and right: maj@4 yes
                List.of(g("7", true), g("6", false), g("6", false), g("7", true)),
                // none right
                List.of(g("1", false), g("2", false), g("3", false), g("4", false)),
                // no answer at all: no votes, wrong
                List.of(g(null, false), g("", false), g(null, false), g(null, false)));
        Headroom h = Headroom.of(grades, 0.8);
        assertThat(h.n()).isEqualTo(4);
        assertThat(h.k()).isEqualTo(4);
        // pass@1 = mean(1/4, 2/4, 0, 0) = 0.1875
        assertThat(h.passAt1()).isCloseTo(0.1875, within(1e-12));
        assertThat(h.passAtK()).isCloseTo(0.5, within(1e-12));
        assertThat(h.majAtK()).isCloseTo(0.25, within(1e-12));
    }
}
