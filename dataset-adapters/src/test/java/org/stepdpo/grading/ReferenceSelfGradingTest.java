package org.stepdpo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.stepdpo.data.Grade;

/** Each data set's own reference solutions must grade as correct against its own answers ({@code --reference}). */
class ReferenceSelfGradingTest {

    @Test
    void gsm8kTestAnswersMatchTheirHashes() {
        var data = TestData.dir();
        TestData.require(data, "gsm8k/test.jsonl");
        check("GSM8K test", GradingCorpus.gsm8kReferences(data));
    }

    @Test
    void mathTestSolutionsMatchTheirBoxes() {
        var data = TestData.dir();
        TestData.require(data, "math/test.jsonl");
        check("MATH test", GradingCorpus.mathReferences(data));
    }

    @Test
    void math500SolutionsMatchTheirAnswers() {
        var data = TestData.dir();
        TestData.require(data, "math500/test.jsonl");
        check("MATH-500", GradingCorpus.math500References(data));
    }

    private static void check(String name, List<GradingCorpus.Case> cases) {
        List<String> failures = new ArrayList<>();
        for (GradingCorpus.Case c : cases) {
            Grade g = GradingBenchmark.grade(c);
            if (!g.correct()) {
                failures.add(c.id() + ": reference " + c.reference() + ", extracted " + g.extracted() + " (" + g.reason() + ")");
            }
        }
        double rate = 1 - failures.size() / (double) cases.size();
        System.out.printf(Locale.ROOT, "%s reference self-grading: %.2f%% of %d%n", name, 100 * rate, cases.size());
        failures.forEach(f -> System.out.println("  " + f));
        assertThat(rate).as(name + " self-grading, failures: " + failures).isGreaterThanOrEqualTo(0.999);
    }
}
