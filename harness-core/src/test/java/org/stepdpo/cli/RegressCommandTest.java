package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.config.baselines.Baseline;
import org.stepdpo.config.baselines.BaselineEntry;
import org.stepdpo.config.baselines.BaselineFile;

/**
 * {@code stepdpo regress} end to end on a tiny suite: no baseline (exit 2), a damaged one (exit 2), a deliberate
 * {@code --update-baseline}, and a comparison with it (exit 0). The planted regression (exit 3) is
 * {@link RegressPlantedRegressionTest}.
 */
@QuarkusMainTest
class RegressCommandTest {

    private static final Path SUITE = Path.of("src/test/resources/regress/tiny-regress.yaml").toAbsolutePath();

    @Test
    void missingOrDamagedBaselinesStopBeforeTheRunWithExit2(QuarkusMainLauncher launcher, @TempDir Path tmp)
            throws Exception {
        Path baseline = tmp.resolve("tiny.json");
        Path summary = tmp.resolve("summary.md");
        LaunchResult missing = launcher.launch("regress", "--suite", SUITE.toString(), "--baseline", baseline.toString(),
                "--summary", summary.toString(), "--out", tmp.resolve("run").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.getErrorOutput()).contains("no baseline for suite regress-tiny at " + baseline,
                "--update-baseline");
        assertThat(Files.readString(summary)).contains("**Could not run** (exit 2)");
        assertThat(tmp.resolve("run")).doesNotExist();

        Files.writeString(baseline, "{\"format\": \"stepdpo-baseline/2\", \"suite\": \"regress-tiny\",\n"
                + "\"seed\": 1, \"entries\": [ {\"stage\": \"sft\" \"benchmark\": \"arith:test\"} ]}\n");
        LaunchResult damaged = launcher.launch("regress", "--suite", SUITE.toString(), "--baseline", baseline.toString());
        assertThat(damaged.exitCode()).isEqualTo(2);
        assertThat(damaged.getErrorOutput()).contains(baseline + ": line 2, column", "not valid JSON");
    }

    @Test
    void updateDeliberatelyThenCompareWithoutRegression(QuarkusMainLauncher launcher, @TempDir Path tmp) throws Exception {
        Path baseline = tmp.resolve("tiny.json");
        Path run = tmp.resolve("run");
        Path summary = tmp.resolve("summary.md");
        String[] common = {"--suite", SUITE.toString(), "--baseline", baseline.toString(), "--out", run.toString(),
                "--model-cache", tmp.resolve("models").toString()};

        LaunchResult update = launcher.launch(args("regress", common, "--update-baseline"));
        assertThat(update.exitCode()).as(update.getErrorOutput()).isZero();
        assertThat(update.getOutput()).contains("**Baseline written deliberately**", baseline.toString());
        Baseline written = BaselineFile.read(baseline);
        assertThat(written.suite()).isEqualTo("regress-tiny");
        assertThat(written.entries()).extracting(BaselineEntry::stage).containsExactly("sft", "dpo", "step-dpo");
        assertThat(written.entries()).allMatch(e -> e.n() == 12);
        assertThat(written.suiteSha256()).hasSize(64);

        // Compared with the baseline it just wrote (the finished run folder is reused: libtorch loads once per
        // JVM, so a second engine run cannot happen in this test; RegressPlantedRegressionTest runs one): no
        // regression, every accuracy paired, and the baseline file is not touched without --update-baseline.
        String before = Files.readString(baseline);
        LaunchResult same = launcher.launch(args("regress", common, "--summary", summary.toString()));
        assertThat(same.exitCode()).as(same.getOutput() + same.getErrorOutput()).isZero();
        assertThat(same.getOutput()).contains("| sft | arith:test | accuracy |", "| step-dpo | arith:test | accuracy |",
                "McNemar exact, p = 1.000", "**No regression** (exit 0)").doesNotContain("REGRESSION**");
        assertThat(Files.readString(summary)).contains("| dpo | arith:test | accuracy |", "**No regression** (exit 0)");
        assertThat(Files.readString(baseline)).isEqualTo(before);

        // A second --update-baseline rewrites it, says so, and shows the comparison with the old one.
        LaunchResult again = launcher.launch(args("regress", common, "--update-baseline"));
        assertThat(again.exitCode()).as(again.getErrorOutput()).isZero();
        assertThat(again.getOutput()).contains("**Baseline rewritten deliberately** (--update-baseline)",
                "| sft | arith:test | accuracy |");
    }

    private static String[] args(String command, String[] common, String... more) {
        String[] all = new String[1 + common.length + more.length];
        all[0] = command;
        System.arraycopy(common, 0, all, 1, common.length);
        System.arraycopy(more, 0, all, 1 + common.length, more.length);
        return all;
    }
}
