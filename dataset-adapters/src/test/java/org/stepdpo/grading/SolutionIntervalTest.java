package org.stepdpo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inequalities (normalized: no spaces, \le/\ge) read as the interval of their solutions; columns: inequality <> interval. */
class SolutionIntervalTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " <> ", value = {
            "x>3 <> (3,\\infty)", "x\\ge3 <> [3,\\infty)", "x<-2 <> (-\\infty,-2)", "x\\le\\frac{1}{2} <> (-\\infty,\\frac{1}{2}]",
            "3<x <> (3,\\infty)", "-2\\ge x <> (-\\infty,-2]", "3<x\\le5 <> (3,5]", "5>x>3 <> (3,5)",
            "\\theta<\\pi <> (-\\infty,\\pi)", "x<-1,x>1 <> (-\\infty,-1)\\cup(1,\\infty)",
    })
    void readsTheSolutionSet(String inequality, String interval) {
        assertThat(SolutionInterval.of(inequality)).isEqualTo(interval);
    }

    @ParameterizedTest(name = "{0} is not an inequality in one variable")
    @CsvSource(delimiterString = " <> ", value = {
            "5", "(3,\\infty)", "f(2)<f(1)<f(4)", "x<y", "3<x>5", "x<", "x<=3", "x\\left(1\\right)", "1<2",
    })
    void leavesEverythingElse(String text) {
        assertThat(SolutionInterval.of(text)).isNull();
    }
}
