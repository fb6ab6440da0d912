package org.stepdpo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stepdpo.data.Grade;

/** Adversarial answers must end quickly with a verdict, never hang, overflow the stack or throw. */
@Timeout(20)
class PathologicalInputTest {

    private final AnswerGrader grader = new AnswerGrader(ExtractionOptions.withLastFormulaFallback());

    private static void assertFastAndIncorrect(Grade g, long startNanos) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        assertThat(g.correct()).as(g.reason()).isFalse();
        assertThat(g.reason()).isNotBlank();
        assertThat(millis).as("grading took " + millis + " ms").isLessThan(3_000);
    }

    @Test
    void towerOfPowers() {
        long t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{2^{2^{2^{2^{100}}}}}", "5"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{2^{2^{2^{2^{100}}}}}", "2^{2^{2^{2^{101}}}}"), t);
    }

    @Test
    void repeatedFactorials() {
        long t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{9!!!!!!!!!}", "362880"), t);
        assertThat(grader.grade("\\boxed{3!!}", "720").correct()).isTrue();
    }

    @Test
    void hugeBinomialAndDeepNesting() {
        long t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{\\binom{10^{300}}{10^{200}}}", "7"), t);
        String deep = "(".repeat(5_000) + "1" + ")".repeat(5_000);
        t = System.nanoTime();
        Grade g = grader.grade("\\boxed{" + deep + "}", "2");
        assertFastAndIncorrect(g, t);
    }

    @Test
    void hundredThousandNestedBraces() {
        String nested = "{".repeat(100_000) + "7" + "}".repeat(100_000);
        long t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{" + nested + "}", "8"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{" + "{".repeat(100_000), "8"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{\\text{" + "\\text{".repeat(50_000) + "x" + "}".repeat(50_001) + "}", "8"), t);
    }

    @Test
    void megabyteStrings() {
        String filler = "1+".repeat(500_000) + "1";
        long t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("The answer is: " + filler, "3"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{" + filler + "}", "3"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("x ".repeat(500_000) + "\\boxed{4}", "5"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{".repeat(200_000), "5"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("$".repeat(1_000_000), "5"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{" + "1,".repeat(400_000) + "1}", "\\{1, 2\\}"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{" + "a ".repeat(400_000) + "}", "5"), t);
    }

    @Test
    void repeatingDecimalsInequalitiesAndPowersOfIStayCheap() {
        long t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{0." + "\\overline{".repeat(200_000) + "}", "5"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{" + "0.\\overline{3}".repeat(100_000) + "}", "5"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{(1,2)}", "x<" + "1<".repeat(300_000) + "x"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("\\boxed{" + "i^{2}".repeat(300) + "}", "i"), t);
        t = System.nanoTime();
        assertFastAndIncorrect(grader.grade("The answer is: " + "one hundred ".repeat(100_000), "100"), t);
    }

    @Test
    void largeSetsAreBoundedByTheDeadline() {
        StringBuilder big = new StringBuilder("\\{");
        for (int k = 0; k < 150; k++) {
            big.append(k == 0 ? "" : ",").append("x^{").append(k).append("}+\\sqrt{").append(k).append('}');
        }
        big.append("\\}");
        String reversed = big.toString().replace("+", "-");
        AnswerGrader quick = new AnswerGrader(ExtractionOptions.markersOnly(), Duration.ofMillis(200));
        long t = System.nanoTime();
        Grade g = quick.grade("\\boxed{" + big + "}", reversed);
        assertFastAndIncorrect(g, t);
    }

    @Test
    void timeoutIsReportedAsSuch() {
        AnswerComparator instant = new AnswerComparator(Duration.ZERO);
        AnswerComparator.Verdict v = instant.compare("\\frac{x+1}{2}", "0.5x+0.5");
        assertThat(v.equivalent()).isFalse();
        assertThat(v.reason()).isEqualTo("timeout after 0 ms");
    }
}
