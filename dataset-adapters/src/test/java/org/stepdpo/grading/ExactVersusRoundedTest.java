package org.stepdpo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exact values (integers, fractions, mixed numbers, radicals, multiples of pi) compare exactly; the 1e-4
 * relative tolerance is for a rounded decimal on either side. Issue 14, item 7: {@code 9999\frac{6}{7}} was
 * graded equal to 10,000. Columns: predicted <> reference.
 */
class ExactVersusRoundedTest {

    private final AnswerComparator comparator = new AnswerComparator();

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiterString = " <> ", quoteCharacter = '"', value = {
            "9999\\frac{6}{7} <> 10{,}000", "\\frac{69999}{7} <> 10000", "\\frac{22}{7} <> \\pi",
            "1000000 <> 1000001", "1000000 <> 10^{6}+1", "2^{20} <> 1048577",
            // a fraction is an exact value, not a rounding of 1/3 (math_verify agrees; Qwen2.5-Math's 1e-4 does not)
            "\\frac{33333}{100000} <> \\frac{1}{3}",
            "1+\\sqrt{2} <> \\frac{24142}{10000}", "50\\% <> \\frac{50001}{100000}",
            // structures and "x = value" compare their parts by the same rule
            "(9999\\frac{6}{7}, 1) <> (10000, 1)", "\\{9999\\frac{6}{7}, 1\\} <> \\{1, 10000\\}",
            "x = 9999\\frac{6}{7} <> 10000", "10000 <> x = 9999\\frac{6}{7}",
            "\\begin{pmatrix}9999\\frac{6}{7}\\\\1\\end{pmatrix} <> \\begin{pmatrix}10000\\\\1\\end{pmatrix}",
    })
    void exactValuesThatDifferAreWrong(String predicted, String reference) {
        AnswerComparator.Verdict v = comparator.compare(predicted, reference);
        assertThat(v.equivalent()).as(v.reason()).isFalse();
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiterString = " <> ", quoteCharacter = '"', value = {
            "10000 <> 10,000", "2\\frac{1}{2} <> 5/2", "\\frac{69999}{7} <> 9999\\frac{6}{7}", "2\\sqrt{2} <> \\sqrt{8}",
            "\\frac{\\pi}{2} <> \\frac{2\\pi}{4}", "50\\% <> \\frac{1}{2}", "2^{20} <> 1048576",
            // rounding error of the double evaluation (here cancellation) is not a difference
            "\\sqrt{10001}-100 <> \\frac{1}{\\sqrt{10001}+100}",
            "\\sqrt{1000001}-1000 <> \\frac{1}{\\sqrt{1000001}+1000}", "\\sqrt{2}\\cdot\\sqrt{3} <> \\sqrt{6}",
            "(2\\frac{1}{2}, \\sqrt{8}) <> (\\frac52, 2\\sqrt2)",
    })
    void exactValuesThatAreEqualAreRight(String predicted, String reference) {
        AnswerComparator.Verdict v = comparator.compare(predicted, reference);
        assertThat(v.equivalent()).as(v.reason()).isTrue();
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiterString = " <> ", quoteCharacter = '"', value = {
            "10000.0 <> 10{,}000", "\\frac{1}{3} <> 0.3333", "0.3333 <> \\frac{1}{3}", "\\sqrt{2} <> 1.41421",
            "\\pi/2 <> 1.5708", "3.1416 <> \\pi", "9999.857 <> 9999\\frac{6}{7}", "(0.3333, 1) <> (\\frac13, 1)",
            "33.333\\% <> \\frac{1}{3}",
    })
    void aRoundedDecimalIsRightWithinTheTolerance(String predicted, String reference) {
        AnswerComparator.Verdict v = comparator.compare(predicted, reference);
        assertThat(v.equivalent()).as(v.reason()).isTrue();
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiterString = " <> ", quoteCharacter = '"', value = {
            "3.14 <> \\pi", "0.33 <> \\frac{1}{3}", "1.4142 <> \\sqrt{3}",
    })
    void aRoundedDecimalBeyondTheToleranceIsWrong(String predicted, String reference) {
        AnswerComparator.Verdict v = comparator.compare(predicted, reference);
        assertThat(v.equivalent()).as(v.reason()).isFalse();
    }

    @Test
    void reasonNamesTheExactRule() {
        AnswerComparator.Verdict v = comparator.compare("\\boxed{9999\\frac{6}{7}}", "10{,}000");
        assertThat(v.reason()).startsWith("exact 9999\\frac{6}{7} != 10000");
    }

    @Test
    void reasonNamesTheRoundedDecimalRule() {
        AnswerComparator.Verdict v = comparator.compare("3.1416", "\\pi");
        assertThat(v.reason()).startsWith("numeric 3.1416 ~ \\pi").contains("1e-4 relative").contains("rounded decimal");
    }
}
