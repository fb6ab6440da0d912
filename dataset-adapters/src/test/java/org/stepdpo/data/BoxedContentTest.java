package org.stepdpo.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoxedContentTest {

    @Test
    void takesTheLastBoxWithNestedBraces() {
        assertThat(BoxedContent.last("so $x = \\boxed{2}$ and then $\\boxed{\\frac{1}{\\sqrt{2}}}$."))
                .contains("\\frac{1}{\\sqrt{2}}");
    }

    @Test
    void fboxCountsAsABox() {
        assertThat(BoxedContent.last("\\boxed{1} first, finally \\fbox{ 7 }")).contains("7");
        assertThat(BoxedContent.last("\\fbox{7} then \\boxed{8}")).contains("8");
    }

    @Test
    void escapedBracesAreContent() {
        assertThat(BoxedContent.last("$\\boxed{\\{1, 2\\} \\cup [0,7)}$")).contains("\\{1, 2\\} \\cup [0,7)");
        assertThat(BoxedContent.last("$\\boxed{\\}}$")).contains("\\}");
    }

    @Test
    void spaceBeforeTheGroupIsAllowed() {
        assertThat(BoxedContent.last("\\boxed {5}")).contains("5");
    }

    @Test
    void otherMacrosStartingWithBoxedAreIgnored() {
        assertThat(BoxedContent.last("\\boxed{3} and \\boxedtext{4}")).contains("3");
    }

    @Test
    void noBoxOrAnUnclosedLastBoxGivesNothing() {
        assertThat(BoxedContent.last("The answer is 4.")).isEmpty();
        assertThat(BoxedContent.last("\\boxed{1} then \\boxed{\\frac{1}{2}")).isEmpty();
        assertThat(BoxedContent.last("\\boxed 5")).isEmpty();
        assertThat(BoxedContent.last("")).isEmpty();
    }
}
