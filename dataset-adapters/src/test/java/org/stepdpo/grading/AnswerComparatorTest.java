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

    /**
     * Answer forms that the community graders (Qwen2.5-Math's {@code strip_string}/{@code math_equal},
     * math_verify, the MATH/PRM800K normalizer) accept as the reference; columns: predicted <> reference.
     */
    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiterString = " <> ", quoteCharacter = '"', value = {
            // the imaginary unit: order of terms, and powers of i when i is the only unknown
            "3+2i <> 2i+3", "-1+2i <> 2i-1", "\\frac{1}{2}+\\frac{\\sqrt{3}}{2}i <> \\frac{1+i\\sqrt{3}}{2}",
            "i^2 <> -1", "i^{3} <> -i", "2i^2+i <> i-2", "i^{102} <> -1",
            // infinity, intervals, unions, the real line
            "(-\\infty,2)\\cup(3,\\infty) <> (-\\infty, 2) \\cup (3, \\infty)", "\\left[-2, \\infty\\right) <> [-2,\\infty)",
            "(-\\infty, \\infty) <> \\mathbb{R}", "x \\in \\mathbb{R} <> (-\\infty,\\infty)", "\\emptyset <> \\varnothing",
            "\\pm 3 <> 3, -3", "\\{-1, 1\\} <> \\pm 1",
            // a reference inequality accepts the interval (math_verify), two inequalities compare as intervals
            "(3,\\infty) <> x>3", "[3,\\infty) <> x \\ge 3", "(3,5) <> 3<x<5", "[-5,5] <> -5 \\le x \\le 5",
            "(-\\infty,-2) <> -2>x", "[1,2) <> 1 \\leq x < 2", "3<x <> x>3",
            "(-\\infty,-1]\\cup[1,\\infty) <> x \\le -1 \\text{ or } x \\ge 1",
            // numerals with a base subscript (MATH writes them so), with or without the subscript
            "1011_2 <> 1011", "1011 <> 1011_{2}", "-221 <> -221_3", "0.0011 <> 0.0011_{2}", "152A <> 152A_{11}",
            // repeating decimals are the fraction they denote
            "0.\\overline{3} <> \\frac{1}{3}", "0.1\\overline{6} <> \\frac16", "2.\\overline{09} <> \\frac{23}{11}",
            "-0.\\overline{36} <> -\\frac{4}{11}", "0.\\overline{3} <> 0.3333",
            // numbers written in words (Qwen2.5-Math's word2number step)
            "five <> 5", "\\text{Twenty-One} <> 21", "one hundred and five <> 105", "two thousand twenty <> 2020",
            // text answers ignore case and wrappers
            "\\text{Evelyn} <> Evelyn", "evelyn <> \\text{Evelyn}", "odd <> \\text{odd}", "\\text{No solution} <> no solution",
            // money, percent, units, separators, trailing period
            "\\$1,000.50 <> 1000.5", "5\\% <> 5", "5\\% <> 0.05", "28 pct <> 28\\%", "42. <> 42", "1 000 <> 1000",
            "\\frac{9}{2} \\text{ inches} <> 4.5", "12\\text{ square units} <> 12", "6\\,\\text{hours} <> 6",
            // fraction and root spellings, powers, mixed numbers
            "\\cfrac{1}{3} <> 1/3", "\\frac12 <> 0.5", "\\dfrac{\\sqrt{3}}{2} <> \\frac{\\sqrt3}{2}", "2^{10} <> 1024",
            "10^{-3} <> 0.001", "2 \\frac{1}{2} <> \\frac52",
            // systems and choices
            "x=2, y=3 <> (2,3)", "B) <> B", "B) 12 <> (B)", "\\mathbf{(B)} <> B",
    })
    void acceptsWhatTheCommunityGradersAccept(String predicted, String reference) {
        AnswerComparator.Verdict v = comparator.compare(predicted, reference);
        assertThat(v.equivalent()).as(v.reason()).isTrue();
    }

    /** Near misses the community graders reject; columns: predicted <> reference. */
    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiterString = " <> ", quoteCharacter = '"', value = {
            "1+i <> 1-i", "i^2 <> 1", "x^2 <> -1", "i^{3} <> i",
            // a predicted inequality against a reference interval: the question asked for interval notation
            "x>3 <> (3,\\infty)", "-5 \\le x \\le 5 <> [-5,5]",
            "(-\\infty,-2] <> x<-2", "(3,\\infty) <> x<3", "x\\ge3 <> x>3", "(3,5] <> 3<x<5",
            "1012 <> 1011_2", "11 <> 1011_2", "1011_3 <> 1011_2", "221 <> -221_3", "1021 <> 1021_2",
            "0.\\overline{3} <> 0.3", "0.\\overline{36} <> \\frac{4}{10}", "\\overline{AB} <> 3",
            "six <> 5", "two and three <> 5", "five apples <> \\text{five oranges}",
            "\\text{even} <> \\text{odd}", "\\$1,001.50 <> 1000.5", "30^\\circ <> \\frac{\\pi}{6}", "3.14 <> \\pi",
            "C) <> B", "-\\infty <> \\infty", "(-\\infty,\\infty) <> (0,\\infty)",
    })
    void rejectsWhatTheCommunityGradersReject(String predicted, String reference) {
        AnswerComparator.Verdict v = comparator.compare(predicted, reference);
        assertThat(v.equivalent()).as(v.reason()).isFalse();
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
