package org.stepdpo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.Problem;
import org.stepdpo.steps.StepSegmenter;

/** {@code eval --reference} on the real benchmark files: adapters + grader agree with the data's own answers. */
class ReferenceGradingTest {

    static Path dataDir() {
        String configured = System.getProperty("stepdpo.data.dir");
        if (configured != null && !configured.isBlank() && !configured.startsWith("${")) {
            return Path.of(configured);
        }
        return Path.of("../../shared/data");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gsm8k, gsm8k/test.jsonl", "math, math/test.jsonl", "math500, math500/test.jsonl"})
    void referenceSolutionsGradeAtLeast999PerMille(String adapterName, String file) {
        Path data = dataDir().resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(data), "benchmark data not found at " + data.toAbsolutePath()
                + " (set STEPDPO_DATA_DIR)");
        DatasetAdapter adapter = DatasetAdapters.byName(adapterName);
        List<Problem> problems = adapter.load(data, LoadOptions.strict()).problems();
        List<SampleResult> results = new Evaluator(adapter, new StepSegmenter()).gradeReferences(problems, data);
        EvalSummary s = new SummaryCalculator().summarize(results);
        List<String> wrong = results.stream().filter(r -> !r.correct())
                .map(r -> r.problem().id() + ": extracted " + r.extracted() + " vs " + r.problem().referenceAnswer()
                        + " (" + r.reason() + ")").toList();
        assertThat(s.overall().accuracy().value()).as("wrong: %s", wrong).isGreaterThanOrEqualTo(0.999);
    }
}
