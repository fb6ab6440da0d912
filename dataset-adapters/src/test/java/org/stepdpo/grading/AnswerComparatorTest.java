package org.stepdpo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each equivalence family with positive and negative cases; columns: predicted <> reference. */
class AnswerComparatorTest {

    private final AnswerComparator comparator = new AnswerComparator();

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiterString = " <> ", quoteCharacter = '"', value = {
            // numbers, separators, decimals vs fractions, scientific notation, powers
            "1,000 <> 1000", "1{,}000 <> 1000", "1\\,000 <> 1000", "12,345.50 <> 12345.5", "0.5 <> \\frac{1}{2}",
            "\\dfrac{1}{2} <> 0.5", "\\tfrac12 <> .5", "1/2 <> 0.5", "-\\frac{3}{4} <> -0.75", "0.50001 <> 0.5",
            "10^{3} <> 1000", "10^3 <> 1e3", "1e3 <> 1000", "1.5\\times10^{3} <> 1500", "2.5E-3 <> 0.0025",
            "0.333333 <> \\frac{1}{3}", "3.0 <> 3", "+7 <> 7",
            // percentages
            "50\\% <> 0.5", "50\\% <> 50", "50 <> 50\\%", "0.5 <> 50\\%", "12.5 percent <> 0.125",
            // units, text wrappers, degrees, money, spacing
            "5 \\text{ cm} <> 5", "5\\text{ cm}^2 <> 5", "5 \\mbox{ inches} <> 5", "12 inches <> 12", "\\frac{1}{2} cup <> 0.5",
            "30^\\circ <> 30", "30^{\\circ} <> 30", "30° <> 30", "\\$18.90 <> 18.9", "\\$1,200 <> 1200",
            "\\left( 1, 2 \\right) <> (1,2)", "3\\!\\cdot\\!4 <> 12", "\\text{Monday} <> Monday", "\\textbf{east} <> East",
            // radicals, pi, mixed numbers, symbolic expressions
            "2\\sqrt{2} <> \\sqrt{8}", "\\sqrt2 <> \\sqrt{2}", "\\sqrt[3]{27} <> 3", "\\frac{\\pi}{2} <> 1.5708",
            "2\\pi <> \\pi\\cdot 2", "2\\frac{1}{2} <> 2.5", "\\frac{x+1}{2} <> 0.5x+0.5", "x^2-1 <> (x-1)(x+1)",
            "\\frac{\\sqrt{3}}{3} <> \\frac{1}{\\sqrt{3}}", "2^{-1} <> 0.5", "\\binom{5}{2} <> 10", "5! <> 120",
            "|{-3}| <> 3", "a_1+a_2 <> a_{2}+a_{1}", "\\sin^2 x + \\cos^2 x <> 1", "\\log_2 8 <> 3", "3+4i <> 4i+3",
            // equations and "x = 5" vs 5
            "x = 5 <> 5", "5 <> x=5", "y = 2x + 3 <> y = 3 + 2x", "2x+3y=6 <> y=2-\\frac{2}{3}x", "x = 2 + 3 = 5 <> 5",
            // tuples, intervals, sets, lists, unions, plus-minus
            "(1, 2) <> (1,2)", "[2, 5) <> [2,5)", "x \\in [2, 5) <> [2,5)", "\\{1, 2\\} <> \\{2, 1\\}", "3, -5 <> -5, 3",
            "x = 3, x = -5 <> -5, 3", "3 \\text{ and } -5 <> -5, 3", "1, 2 <> \\{2,1\\}", "(\\frac{1}{2}, 3) <> (0.5, 3)",
            "(-\\infty, 1) \\cup (2, \\infty) <> (2, \\infty) \\cup (-\\infty, 1)", "1 \\pm \\sqrt{2} <> 1+\\sqrt{2}, 1-\\sqrt{2}",
            "\\{5\\} <> 5",
            // matrices
            "\\begin{pmatrix}1\\\\2\\end{pmatrix} <> \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}",
            "\\begin{pmatrix} \\frac{1}{5} \\\\ -\\frac{3}{5} \\end{pmatrix} <> \\begin{pmatrix} 1/5 \\\\ -3/5 \\end{pmatrix}",
            "\\begin{bmatrix}1&0\\\\0&1\\end{bmatrix} <> \\begin{bmatrix}1 & 0 \\\\ 0 & 1\\end{bmatrix}",
            // multiple choice
            "\\text{(B)} <> B", "(B) <> \\text{(B)}", "B <> (B)", "\\textbf{(C)} <> C", "(D) 12 <> D",
    })
    void equivalent(String predicted, String reference) {
        AnswerComparator.Verdict v = comparator.compare(predicted, reference);
        assertThat(v.equivalent()).as(v.reason()).isTrue();
        assertThat(v.reason()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiterString = " <> ", quoteCharacter = '"', value = {
            "1001 <> 1000", "1,001 <> 1000", "0.5001 <> 0.5", "0.6 <> \\frac{1}{2}", "1/3 <> 0.33", "10^{4} <> 1000",
            "1e4 <> 1000", "123456789 <> 123456788", "-5 <> 5", "50 <> 0.5", "2 <> 200",
            "6 \\text{ cm} <> 5", "31^\\circ <> 30", "\\$18.91 <> 18.9", "\\text{Tuesday} <> Monday",
            "3\\sqrt{2} <> \\sqrt{8}", "\\pi <> 3.14", "2\\frac{1}{2} <> 1", "\\frac{x+1}{2} <> 0.5x+1", "x^2+1 <> (x+1)^2",
            "a_1 <> a_2", "x = 6 <> 5", "y = 2x + 4 <> y = 3 + 2x", "x \\le 5 <> x < 5",
            "(1, 2) <> (2, 1)", "[2, 5) <> [2, 5]", "(2, 5) <> [2, 5]", "\\{1, 2\\} <> \\{1, 3\\}", "\\{1, 2, 3\\} <> \\{1, 2\\}",
            "3, 5 <> -5, 3", "(1,2) <> \\{1,2\\}", "5 <> 5, 6", "1 + \\sqrt{2} <> 1+\\sqrt{2}, 1-\\sqrt{2}",
            "\\begin{pmatrix}1\\\\2\\end{pmatrix} <> \\begin{pmatrix}1\\\\3\\end{pmatrix}",
            "\\begin{pmatrix}1&2\\end{pmatrix} <> \\begin{pmatrix}1\\\\2\\end{pmatrix}",
            "\\begin{pmatrix}1\\\\2\\end{pmatrix} <> (1, 2)",
            "(C) <> B", "\\text{(A)} <> \\text{(B)}", "E <> (D)",
            "\\infty <> 1000000", "dynamo <> Monday",
    })
    void different(String predicted, String reference) {
        AnswerComparator.Verdict v = comparator.compare(predicted, reference);
        assertThat(v.equivalent()).as(v.reason()).isFalse();
        assertThat(v.reason()).isNotBlank();
    }
}
