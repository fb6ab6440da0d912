package org.stepdpo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stepdpo.data.Problem;
import org.stepdpo.metrics.AnswerMetrics;
import org.stepdpo.metrics.Share;
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
        AnswerMetrics all = s.overall();
        assertThat(all.problems()).isEqualTo(2);
        assertThat(all.accuracy()).isEqualTo(new Share(1, 2));
        assertThat(all.passAt1()).isEqualTo(0.5);
        assertThat(all.k()).isEqualTo(1);
        assertThat(all.majAtK()).isNull();
        assertThat(all.steps().value()).isEqualTo(4.0);
        assertThat(s.perLevel()).containsOnlyKeys("Level 1", "Level 2");
        assertThat(s.perSubject().get("Algebra").accuracy()).isEqualTo(new Share(1, 2));
    }

    @Test
    void severalSamplesPerProblem() {
        Problem a = problem("a", null, null);
        Problem b = problem("b", null, null);
        // a: first sample right, 1 of 3 right; the two wrong answers differ -> 1:1:1, the right one voted first
        // b: first sample wrong, 1 of 4 right; wrong answer "7" twice (one with a space) -> majority wrong
        EvalSummary s = new SummaryCalculator().summarize(List.of(
                sample(a, 0, "1", true, 1), sample(a, 1, "2", false, 1), sample(a, 2, "3", false, 1),
                sample(b, 0, "7", false, 1), sample(b, 1, "1", true, 1), sample(b, 2, " 7", false, 1),
                sample(b, 3, null, false, 1)));
        AnswerMetrics all = s.overall();
        assertThat(all.accuracy()).isEqualTo(new Share(1, 2));
        assertThat(all.correctSamples()).isEqualTo(2);
        assertThat(all.passAt1()).isCloseTo((1 / 3.0 + 1 / 4.0) / 2, within(1e-12));
        assertThat(all.k()).isEqualTo(4);
        assertThat(all.majAtK()).isEqualTo(new Share(1, 2));
        // a has 3 samples, fewer than k = 4: pass@4 is undefined.
        assertThat(all.passAtK()).isNull();
        assertThat(all.noAnswer()).isEqualTo(1);
        assertThat(s.perLevel()).isEmpty();
    }

    @Test
    void emptyInputIsUndefinedNotZero() {
        EvalSummary s = new SummaryCalculator().summarize(List.of());
        assertThat(s.overall().samples()).isZero();
        assertThat(s.overall().accuracy().value()).isNull();
        assertThat(s.overall().passAt1()).isNull();
    }
}
