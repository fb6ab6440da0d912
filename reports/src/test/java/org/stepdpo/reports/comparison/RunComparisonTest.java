package org.stepdpo.reports.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stepdpo.reports.runs.SampleOutcome;

class RunComparisonTest {

    private static SampleOutcome s(long id, String problem, int sample, boolean correct, String answer) {
        return new SampleOutcome(id, problem, Integer.parseInt(problem.substring(1)), sample, correct, answer, null, null,
                null, null, 1, false);
    }

    @Test
    void countsFlipsOnCommonProblemsByTheirFirstSample() {
        List<SampleOutcome> a = List.of(s(1, "p0", 0, true, "1"), s(2, "p1", 0, false, "2"), s(3, "p2", 0, true, "3"),
                s(4, "p3", 0, false, "4"), s(5, "p9", 0, true, "9"));
        List<SampleOutcome> b = List.of(s(11, "p0", 0, true, "1"),
                // p1 with three samples: the first is right -> gained, though the two wrong "6" would outvote it
                s(12, "p1", 0, true, "5"), s(13, "p1", 1, false, "6"), s(14, "p1", 2, false, "6"),
                s(15, "p2", 0, false, "8"), s(16, "p3", 0, false, "4"), s(17, "p7", 0, true, "7"), s(18, "p8", 0, false, "7"));
        RunComparison c = RunComparison.of(1, a, 2, b);
        assertThat(c.common()).isEqualTo(4);
        assertThat(c.onlyInA()).isEqualTo(1);
        assertThat(c.onlyInB()).isEqualTo(2);
        assertThat(c.bothRight()).isEqualTo(1);
        assertThat(c.bothWrong()).isEqualTo(1);
        assertThat(c.accuracyA()).isEqualTo(0.5);
        assertThat(c.accuracyB()).isEqualTo(0.5);
        assertThat(c.mcnemar()).isEqualTo(McNemar.of(1, 1));
        assertThat(c.flips()).containsExactly(
                new ProblemFlip("p1", 1, false, true, 2, 12, "2", "5"),
                new ProblemFlip("p2", 2, true, false, 3, 15, "3", "8"));
        assertThat(c.flips()).extracting(ProblemFlip::direction).containsExactly("gained", "lost");
    }
}
