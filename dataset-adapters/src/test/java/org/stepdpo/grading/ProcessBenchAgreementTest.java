package org.stepdpo.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.stepdpo.data.Grade;

/**
 * The grader against ProcessBench's human verdicts on the final answers of 1,400 model solutions
 * (400 GSM8K, 1,000 MATH). Disagreements go to target/processbench-disagreements.jsonl for review.
 */
class ProcessBenchAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void agreesWithProcessBenchVerdicts() throws IOException {
        Path data = TestData.dir();
        TestData.require(data, "processbench/math.json");
        TestData.require(data, "math/test.jsonl");
        TestData.require(data, "gsm8k/test.jsonl");
        List<GradingCorpus.Case> cases = GradingCorpus.processBench(data);
        assertThat(cases).hasSize(1400);

        Tally overall = new Tally();
        Tally gsm8k = new Tally();
        Tally math = new Tally();
        Path out = Path.of("target/processbench-disagreements.jsonl");
        Files.createDirectories(out.getParent());
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (GradingCorpus.Case c : cases) {
                Grade g = GradingBenchmark.grade(c);
                boolean agree = g.correct() == c.expectedCorrect();
                overall.add(c.expectedCorrect(), agree);
                (c.split().equals("gsm8k") ? gsm8k : math).add(c.expectedCorrect(), agree);
                if (!agree) {
                    ObjectNode row = JSON.createObjectNode();
                    row.put("id", c.id());
                    row.put("reference", c.reference());
                    row.put("extracted", g.extracted());
                    row.put("oracle", c.expectedCorrect());
                    row.put("ours", g.correct());
                    row.put("reason", g.reason());
                    w.write(JSON.writeValueAsString(row));
                    w.write('\n');
                }
            }
        }
        System.out.println("ProcessBench agreement: overall " + overall + "; gsm8k " + gsm8k + "; math " + math
                + "; disagreements in " + out.toAbsolutePath());
        assertThat(overall.rate()).as("overall agreement " + overall).isGreaterThanOrEqualTo(0.98);
        assertThat(gsm8k.rate()).as("GSM8K agreement " + gsm8k).isGreaterThanOrEqualTo(0.98);
        assertThat(math.rate()).as("MATH agreement " + math).isGreaterThanOrEqualTo(0.98);
        assertThat(overall.correctRate()).as("agreement on correct items " + overall).isGreaterThanOrEqualTo(0.98);
        assertThat(overall.incorrectRate()).as("agreement on incorrect items " + overall).isGreaterThanOrEqualTo(0.98);
    }

    private static final class Tally {
        int correct;
        int correctAgree;
        int incorrect;
        int incorrectAgree;

        void add(boolean expected, boolean agree) {
            if (expected) {
                correct++;
                correctAgree += agree ? 1 : 0;
            } else {
                incorrect++;
                incorrectAgree += agree ? 1 : 0;
            }
        }

        double rate() {
            return (correctAgree + incorrectAgree) / (double) (correct + incorrect);
        }

        double correctRate() {
            return correctAgree / (double) correct;
        }

        double incorrectRate() {
            return incorrectAgree / (double) incorrect;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f%% of %d (oracle-correct %.2f%% of %d, oracle-incorrect %.2f%% of %d)",
                    100 * rate(), correct + incorrect, 100 * correctRate(), correct, 100 * incorrectRate(), incorrect);
        }
    }
}
