package org.stepdpo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

    private static Extraction extract(String text, ExtractionOptions options) {
        Optional<Extraction> e = AnswerExtractor.extract(text, options);
        assertThat(e).as("an answer in: " + text).isPresent();
        return e.get();
    }

    @Test
    void takesTheLastBoxWithNestedBraces() {
        Extraction e = extract("First \\boxed{1}, then $\\boxed{\\frac{\\sqrt{2}}{2}}$.", ExtractionOptions.markersOnly());
        assertThat(e.answer()).isEqualTo("\\frac{\\sqrt{2}}{2}");
        assertThat(e.method()).isEqualTo(ExtractionMethod.BOXED);
    }

    @Test
    void readsFboxAndBoxWithoutBraces() {
        assertThat(extract("so \\fbox{42} it is", ExtractionOptions.markersOnly()).answer()).isEqualTo("42");
        assertThat(extract("the result is $\\boxed 5$.", ExtractionOptions.markersOnly()).answer()).isEqualTo("5");
    }

    @Test
    void keepsEscapedBracesOfSetsInsideTheBox() {
        assertThat(extract("\\boxed{\\{1, 2\\}}", ExtractionOptions.markersOnly()).answer()).isEqualTo("\\{1, 2\\}");
    }

    @Test
    void unbalancedBoxIsNotAnAnswer() {
        assertThat(AnswerExtractor.extract("\\boxed{12", ExtractionOptions.markersOnly())).isEmpty();
    }

    @Test
    void readsTheStepDpoAnswerLine() {
        Extraction e = extract("Step 1: 3 + 4 = 7.\nThe answer is: 7", ExtractionOptions.markersOnly());
        assertThat(e.answer()).isEqualTo("7");
        assertThat(e.method()).isEqualTo(ExtractionMethod.ANSWER_IS);
    }

    @Test
    void readsTheAnswerSentenceWithoutItsTail() {
        assertThat(extract("Final Answer: The final answer is $\\frac{1}{2}$. I hope it is correct.",
                ExtractionOptions.markersOnly()).answer()).isEqualTo("\\frac{1}{2}");
        assertThat(extract("The answer is 3.5 cm.", ExtractionOptions.markersOnly()).answer()).isEqualTo("3.5 cm");
    }

    @Test
    void takesTheNumberFromAnAnswerSentence() {
        assertThat(extract("**Answer:** Verna received $7.00 in change.", ExtractionOptions.markersOnly()).answer())
                .isEqualTo("7.00");
    }

    @Test
    void aRemarkAboutTheAnswerDoesNotHideTheBox() {
        Extraction e = extract("So $x = \\boxed{-5}$. We check that the answer is correct.", ExtractionOptions.markersOnly());
        assertThat(e.answer()).isEqualTo("-5");
        assertThat(e.method()).isEqualTo(ExtractionMethod.BOXED);
    }

    @Test
    void theMarkerWrittenLastWins() {
        assertThat(extract("We get \\boxed{12} apples, but half are eaten.\nThe answer is: 6",
                ExtractionOptions.markersOnly()).answer()).isEqualTo("6");
        assertThat(extract("The answer is 6 or so; precisely \\boxed{6.5}", ExtractionOptions.markersOnly()).answer())
                .isEqualTo("6.5");
    }

    @Test
    void readsGsm8kHashes() {
        Extraction e = extract("She pays 2*3=<<2*3=6>>6 dollars.\n#### 1,200", ExtractionOptions.markersOnly());
        assertThat(e.answer()).isEqualTo("1,200");
        assertThat(e.method()).isEqualTo(ExtractionMethod.HASHES);
    }

    @Test
    void lastNumberOnlyWhenTheOptionsAllowIt() {
        String text = "She has 3 apples and buys 1,250 more, so -4.5 remain.";
        assertThat(AnswerExtractor.extract(text, ExtractionOptions.markersOnly())).isEmpty();
        Extraction e = extract(text, ExtractionOptions.withLastNumberFallback());
        assertThat(e.answer()).isEqualTo("-4.5");
        assertThat(e.method()).isEqualTo(ExtractionMethod.LAST_NUMBER);
        assertThat(extract("total 1,250 apples", ExtractionOptions.withLastNumberFallback()).answer()).isEqualTo("1,250");
    }

    @Test
    void lastNumberSkipsStepMarkers() {
        ExtractionOptions o = ExtractionOptions.withLastNumberFallback();
        assertThat(extract("Step 1: She has 3 apples.\nStep 2: She buys 5 more, so 8 apples.\nStep 3:", o).answer())
                .isEqualTo("8");
        assertThat(extract("Step 1: 12 - 4 = 8\nStep 2.", o).answer()).isEqualTo("8");
        assertThat(extract("Step 4: So there are 12 cookies left.\nStep #5: ", o).answer()).isEqualTo("12");
        assertThat(extract("Footstep 7", o).answer()).isEqualTo("7");
        assertThat(AnswerExtractor.extract("Step 1: think.\nStep 2:", o)).isEmpty();
    }

    @Test
    void stepDpoAnswerLineWinsOverStepNumbers() {
        Extraction e = extract("Step 1: 3 + 4 = 7.\nStep 2: 7 * 6 = 42.\nStep 3: The answer is: 42",
                ExtractionOptions.withLastNumberFallback());
        assertThat(e.answer()).isEqualTo("42");
        assertThat(e.method()).isEqualTo(ExtractionMethod.ANSWER_IS);
    }

    @Test
    void lastFormulaSkipsVariableNamesAndPrefersALaterNumber() {
        ExtractionOptions o = ExtractionOptions.withLastFormulaFallback();
        assertThat(extract("Therefore, the area of the ellipse is \\(\\frac{8\\pi}{5}\\) square units.", o).answer())
                .isEqualTo("\\frac{8\\pi}{5}");
        assertThat(extract("the values of \\(n\\) are \\(2\\) and \\(4\\), a total of \\(2 + 1 = 3\\) values for \\(n\\).", o)
                .answer()).isEqualTo("3");
        assertThat(extract("the degree of \\((x^2+1)(x^3+1)\\) is 5.", o).answer()).isEqualTo("5");
        assertThat(extract("the range is $[0, \\infty)$ as claimed", o).method()).isEqualTo(ExtractionMethod.LAST_FORMULA);
    }

    @Test
    void noTextNoAnswer() {
        assertThat(AnswerExtractor.extract("", ExtractionOptions.withLastNumberFallback())).isEmpty();
        assertThat(AnswerExtractor.extract(null, ExtractionOptions.withLastNumberFallback())).isEmpty();
        assertThat(AnswerExtractor.extract("no digits here", ExtractionOptions.withLastNumberFallback())).isEmpty();
    }
}
