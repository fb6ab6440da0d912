package org.stepdpo.grading;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LastBoxedContentTest {

    @Test
    void takesTheLastBoxWithNestedBraces() {
        assertThat(AnswerExtractor.lastBoxedContent("so $x = \\boxed{2}$ and then $\\boxed{\\frac{1}{\\sqrt{2}}}$."))
                .contains("\\frac{1}{\\sqrt{2}}");
    }

    @Test
    void fboxCountsAsABox() {
        assertThat(AnswerExtractor.lastBoxedContent("\\boxed{1} first, finally \\fbox{ 7 }")).contains("7");
        assertThat(AnswerExtractor.lastBoxedContent("\\fbox{7} then \\boxed{8}")).contains("8");
    }

    @Test
    void escapedBracesAreContent() {
        assertThat(AnswerExtractor.lastBoxedContent("$\\boxed{\\{1, 2\\} \\cup [0,7)}$")).contains("\\{1, 2\\} \\cup [0,7)");
        assertThat(AnswerExtractor.lastBoxedContent("$\\boxed{\\}}$")).contains("\\}");
    }

    @Test
    void spaceBeforeTheGroupIsAllowed() {
        assertThat(AnswerExtractor.lastBoxedContent("\\boxed {5}")).contains("5");
    }

    @Test
    void otherMacrosStartingWithBoxedAreIgnored() {
        assertThat(AnswerExtractor.lastBoxedContent("\\boxed{3} and \\boxedtext{4}")).contains("3");
    }

    @Test
    void noBoxGivesNothingAndAnUnclosedBoxIsSkipped() {
        assertThat(AnswerExtractor.lastBoxedContent("The answer is 4.")).isEmpty();
        assertThat(AnswerExtractor.lastBoxedContent("")).isEmpty();
        assertThat(AnswerExtractor.lastBoxedContent("\\boxed{\\frac{1}{2}")).isEmpty();
        assertThat(AnswerExtractor.lastBoxedContent("\\boxed{1} then \\boxed{\\frac{1}{2}")).contains("1");
    }

    @Test
    void boxWithoutBracesTakesTheNextToken() {
        assertThat(AnswerExtractor.lastBoxedContent("so \\boxed 5 apples")).contains("5");
    }
}
