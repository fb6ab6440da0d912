package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.config.Suite;
import org.stepdpo.config.Suites;
import org.stepdpo.config.baselines.Baseline;
import org.stepdpo.config.baselines.BaselineEntry;
import org.stepdpo.config.baselines.BaselineFile;
import org.stepdpo.config.baselines.ProblemOutcome;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.Problem;

/**
 * A planted regression is caught: a baseline in which the models answered half of regress-tiny's test problems
 * right, against a real run of a degraded model (barely trained, answers cut off before the final answer) on
 * the same problems: exit 3, with McNemar's test named. (The baseline is written by the test because libtorch
 * loads once per JVM, so this class can run the engine only once.)
 */
@QuarkusMainTest
class RegressPlantedRegressionTest {

    private static final Path DEGRADED = Path.of("src/test/resources/regress/tiny-regress-degraded.yaml").toAbsolutePath();

    @Test
    void aDegradedModelFailsTheGateWithExit3(QuarkusMainLauncher launcher, @TempDir Path tmp) throws Exception {
        Suite suite = Suites.get(DEGRADED.toString());
        List<Problem> problems = testProblems(suite);
        assertThat(problems).hasSize(12);
        List<BaselineEntry> entries = new ArrayList<>();
        for (String stage : List.of("sft", "dpo", "step-dpo")) {
            List<ProblemOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < problems.size(); i++) {
                boolean right = i % 2 == 0;
                outcomes.add(new ProblemOutcome(problems.get(i).id(), right, 2, true, right ? null : 1));
            }
            entries.add(new BaselineEntry(stage, "arith:test", outcomes));
        }
        Path baseline = tmp.resolve("tiny.json");
        BaselineFile.write(baseline, new Baseline(suite.name(), 1, null, null, null, entries));
        Path summary = tmp.resolve("summary.md");

        LaunchResult r = launcher.launch("regress", "--suite", DEGRADED.toString(), "--baseline", baseline.toString(),
                "--summary", summary.toString(), "--out", tmp.resolve("run").toString(), "--model-cache",
                tmp.resolve("models").toString());

        assertThat(r.exitCode()).as(r.getOutput() + r.getErrorOutput()).isEqualTo(3);
        assertThat(r.getOutput()).contains("| sft | arith:test | accuracy | 50.0% of 12 | 0.0% of 12 | -50.0 pp |",
                "McNemar exact, p = 0.031", "**REGRESSION** (significant", "metrics regressed** (exit 3)");
        assertThat(Files.readString(summary)).contains("**REGRESSION**");
        assertThat(BaselineFile.read(baseline).entries()).isEqualTo(entries);
    }

    /** The suite's test problems as the run draws them (the arith generator seeded with the suite's seed). */
    private static List<Problem> testProblems(Suite suite) {
        Map<String, String> options = new TreeMap<>(suite.dataset().testOptions());
        options.put("seed", Long.toString(suite.regress().seed()));
        return DatasetAdapters.byName("arith").load(Path.of(suite.dataset().test()), new LoadOptions(false, options))
                .problems();
    }
}
