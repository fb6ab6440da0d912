package org.stepdpo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stepdpo.data.Problem;
import org.stepdpo.reports.metrics.MajorityVote;
import org.stepdpo.steps.Step;

class SummaryCalculatorTest {

    private static Problem problem(String id, String level, String subject) {
        return new Problem(id, 0, "q", null, "1",
                level == null ? Map.of() : Map.of("level", level, "subject", subject));
    }

    private static SampleResult sample(Problem p, int i, String extracted, boolean correct, int steps) {
        List<Step> s = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            s.add(new Step(k, "x", k, k + 1, k));
        }
        return new SampleResult(p, i, "c", extracted, correct, "r", s);
    }

    @Test
    void singleSampleAccuracyEqualsPassAt1AndHasNoMajority() {
        Problem a = problem("a", "Level 1", "Algebra");
        Problem b = problem("b", "Level 2", "Algebra");
        EvalSummary s = new SummaryCalculator().summarize(List.of(
                sample(a, 0, "1", true, 3), sample(b, 0, "2", false, 5)));
        assertThat(s.nProblems()).isEqualTo(2);
        assertThat(s.accuracy()).isEqualTo(0.5);
        assertThat(s.passAt1()).isEqualTo(0.5);
        assertThat(s.k()).isEqualTo(1);
        assertThat(s.majAtK()).isNull();
        assertThat(s.meanSteps()).isEqualTo(4.0);
        assertThat(s.perLevel()).containsOnlyKeys("Level 1", "Level 2");
        assertThat(s.perSubject().get("Algebra").accuracy()).isEqualTo(0.5);
    }

    @Test
    void passAt1AveragesPerProblemAndMajorityVotes() {
        Problem a = problem("a", null, null);
        Problem b = problem("b", null, null);
        // a: 1 of 3 right, but the two wrong answers differ -> tie 1:1:1, right answer seen first wins
        // b: 1 of 4 right, wrong answer "7" twice -> majority wrong
        EvalSummary s = new SummaryCalculator().summarize(List.of(
                sample(a, 0, "1", true, 1), sample(a, 1, "2", false, 1), sample(a, 2, "3", false, 1),
                sample(b, 0, "7", false, 1), sample(b, 1, "1", true, 1), sample(b, 2, " 7", false, 1),
                sample(b, 3, null, false, 1)));
        assertThat(s.accuracy()).isCloseTo(2 / 7.0, within(1e-12));
        assertThat(s.passAt1()).isCloseTo((1 / 3.0 + 1 / 4.0) / 2, within(1e-12));
        assertThat(s.k()).isEqualTo(4);
        assertThat(s.majAtK()).isEqualTo(0.5);
        assertThat(s.noAnswer()).isEqualTo(1);
        assertThat(s.perLevel()).isEmpty();
    }

    @Test
    void majorityIgnoresCompletionsWithoutAnswer() {
        Problem a = problem("a", null, null);
        assertThat(MajorityVote.isRight(List.of(sample(a, 0, null, false, 1), sample(a, 1, null, false, 1),
                sample(a, 2, "1", true, 1)), SampleResult::extracted, SampleResult::correct)).isTrue();
        assertThat(MajorityVote.isRight(List.of(sample(a, 0, null, false, 1)), SampleResult::extracted,
                SampleResult::correct)).isFalse();
    }

    @Test
    void emptyInputGivesZeros() {
        EvalSummary s = new SummaryCalculator().summarize(List.of());
        assertThat(s.nSamples()).isZero();
        assertThat(s.accuracy()).isZero();
    }
}
