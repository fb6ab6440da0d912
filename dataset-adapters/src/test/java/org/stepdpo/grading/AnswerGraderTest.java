package org.stepdpo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.stepdpo.data.Grade;

class AnswerGraderTest {

    @Test
    void reasonNamesTheExtractionAndTheRule() {
        Grade g = new AnswerGrader(ExtractionOptions.markersOnly()).grade("so the value is $\\boxed{0.5}$", "\\frac{1}{2}");
        assertThat(g.correct()).isTrue();
        assertThat(g.extracted()).isEqualTo("0.5");
        assertThat(g.reason()).isEqualTo("boxed: numeric 0.5 == \\frac{1}{2}");
    }

    @Test
    void noAnswerIsIncorrect() {
        Grade g = new AnswerGrader(ExtractionOptions.markersOnly()).grade("I think it is 5", "5");
        assertThat(g).isEqualTo(new Grade(null, false, "no answer found"));
        assertThat(new AnswerGrader(ExtractionOptions.withLastNumberFallback()).grade("I think it is 5", "5").correct())
                .isTrue();
    }

    @Test
    void wrongAnswerExplainsTheDifference() {
        Grade g = new AnswerGrader(ExtractionOptions.markersOnly()).grade("The answer is: (2, 1)", "(1,2)");
        assertThat(g.correct()).isFalse();
        assertThat(g.extracted()).isEqualTo("(2, 1)");
        assertThat(g.reason()).startsWith("answer-is: element 1 differs");
    }

    @Test
    void gradesTheAnswerFormsModelsWrite() {
        AnswerGrader grader = new AnswerGrader(ExtractionOptions.withLastFormulaFallback());
        assertThat(grader.grade("So $x = \\boxed{0.\\overline{6}}$.", "\\frac{2}{3}").correct()).isTrue();
        assertThat(grader.grade("In base 2 this is $\\boxed{1011}$.", "1011_2").correct()).isTrue();
        assertThat(grader.grade("The domain is $\\boxed{(3, \\infty)}$.", "x > 3").correct()).isTrue();
        assertThat(grader.grade("The answer is: $\\textbf{(C)}\\ 12$", "\\text{(C)}").correct()).isTrue();
        assertThat(grader.grade("The answer is: five", "5").correct()).isTrue();
        Grade relation = grader.grade("The domain is $\\boxed{x > 3}$.", "(3,\\infty)");
        assertThat(relation.correct()).as(relation.reason()).isFalse();
    }

    @Test
    void setsIgnoreOrder() {
        Grade g = new AnswerGrader(ExtractionOptions.markersOnly()).grade("\\boxed{\\{2, 1\\}}", "\\{1,2\\}");
        assertThat(g.correct()).isTrue();
        assertThat(g.reason()).isEqualTo("boxed: sets equal ignoring order");
    }
}
