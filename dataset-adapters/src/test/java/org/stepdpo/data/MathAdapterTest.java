package org.stepdpo.data;

import org.junit.jupiter.api.Test;
import org.stepdpo.grading.AnswerGrader;
import org.stepdpo.grading.ExtractionOptions;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MathAdapterTest {
    private final MathAdapter adapter = new MathAdapter();
    private final Path file = Fixtures.path("math.jsonl");

    @Test
    void strictLoadFailsWhenASolutionHasNoBoxedAnswer() {
        assertThatThrownBy(() -> adapter.load(file, LoadOptions.strict()))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ":3: field \"solution\" has no complete, non-empty \\boxed{...} answer");
    }

    @Test
    void skipInvalidReportsEveryBadRecordWithItsLine() {
        LoadResult result = adapter.load(file, Fixtures.SKIP_INVALID);

        assertThat(result.problems()).extracting(Problem::id).containsExactly("math-10", "math-1");
        assertThat(result.skipped()).extracting(LoadResult.SkippedRecord::message).containsExactly(
                file + ":3: field \"solution\" has no complete, non-empty \\boxed{...} answer",
                file + ":4: field \"solution\" has no complete, non-empty \\boxed{...} answer",
                file + ":6: field \"level\" must be a number or a string, got an object",
                file + ":7: expected a JSON object, got array",
                file + ":8: duplicate problem id \"math-10\" (first on line 1)");
    }

    @Test
    void answerIsTheLastBoxOfTheSolution() {
        LoadResult result = adapter.load(file, Fixtures.SKIP_INVALID);

        assertThat(result.problems()).extracting(Problem::referenceAnswer)
                .containsExactly("\\frac{3}{4}", "\\{-3, 3\\}");
    }

    @Test
    void levelAndTypeBecomeLevelAndSubject() {
        Problem first = adapter.load(file, Fixtures.SKIP_INVALID).problems().get(0);

        assertThat(first.index()).isZero();
        assertThat(first.level()).isEqualTo("2");
        assertThat(first.subject()).isEqualTo("Prealgebra");
        assertThat(first.question()).isEqualTo("What is $\\frac{1}{2} + \\frac{1}{4}$?");
        assertThat(first.referenceSolution()).endsWith("= \\boxed{\\frac{3}{4}}$.");
    }

    @Test
    void gradesAgainstTheBoxedAnswerFallingBackToTheLastFormula() {
        Problem problem = adapter.load(file, Fixtures.SKIP_INVALID).problems().get(0);
        AnswerGrader expected = new AnswerGrader(ExtractionOptions.withLastFormulaFallback());

        for (String completion : List.of("\\frac{3}{4}", "so $\\boxed{\\frac{3}{4}}$", "The answer is 3/4.",
                "we get 3/4", "\\boxed{\\frac{1}{4}}", "")) {
            assertThat(adapter.grade(problem, completion)).as(completion)
                    .isEqualTo(expected.grade(completion, "\\frac{3}{4}"));
        }
        assertThat(adapter.grade(problem, "\\boxed{\\frac{1}{4}}").correct()).isFalse();
        // Without a box, the last formula is the answer (as human graders read such solutions).
        assertThat(adapter.grade(problem, "Adding, the sum is $\\frac{3}{4}$.").correct()).isTrue();
        assertThat(adapter.grade(problem, "Adding, the sum is $\\frac{3}{5}$.").correct()).isFalse();
    }
}
