package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that need no model never load libtorch: no {@code org.bytedeco} class, no libtorch library in the
 * process (a JVM of its own: harness-core's surefire runs one JVM per test class).
 */
@QuarkusMainTest
class EngineStaysUnloadedTest {

    @Test
    void evalLeaderboardAndReportLoadNoEngine(QuarkusMainLauncher launcher, @TempDir Path out) throws Exception {
        LaunchResult eval = launcher.launch("eval", "--adapter", "arith", "--data", "test", "-o", "n=20", "--reference",
                "--model", "engine-unloaded-check", "--out", out.resolve("eval").toString());
        assertThat(eval.exitCode()).as(eval.getErrorOutput()).isZero();
        Matcher run = Pattern.compile("run (\\d+) stored").matcher(eval.getOutput());
        assertThat(run.find()).as(eval.getOutput()).isTrue();
        LaunchResult board = launcher.launch("leaderboard");
        assertThat(board.exitCode()).as(board.getErrorOutput()).isZero();
        LaunchResult report = launcher.launch("report", "--run", run.group(1), "--format", "md",
                "-o", out.resolve("report.md").toString());
        assertThat(report.exitCode()).as(report.getErrorOutput()).isZero();

        assertThat(JvmContents.loadedClasses()).doesNotContain("org.bytedeco");
        assertThat(JvmContents.mappedFiles()).doesNotContain("libtorch").doesNotContain("libjnitorch");
    }
}
