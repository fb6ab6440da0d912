package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ordinary commands never start the HTTP server; only {@code serve} binds a port
 * ({@link HttpServerStartIsObservedTest} shows the observer used here does see a server that starts). Nor do they
 * load libtorch: no test in this class may use the engine (one JVM per test class, see harness-core's surefire).
 */
@QuarkusMainTest
class HttpServerOnlyForServeTest {

    @BeforeEach
    void clear() {
        System.clearProperty(HttpServerStarts.PROPERTY);
    }

    @Test
    void evalAndLeaderboardStartNoHttpServer(QuarkusMainLauncher launcher, @TempDir Path out) throws Exception {
        LaunchResult eval = launcher.launch("eval", "--adapter", "gsm8k", "--data", "src/test/resources/eval/tiny-gsm8k.jsonl",
                "--reference", "--model", "no-http-check", "--out", out.toString());
        assertThat(eval.exitCode()).as(eval.getErrorOutput()).isZero();
        LaunchResult board = launcher.launch("leaderboard");
        assertThat(board.exitCode()).as(board.getErrorOutput()).isZero();
        Thread.sleep(500); // an asynchronous start event would have arrived by now
        assertThat(System.getProperty(HttpServerStarts.PROPERTY)).as("HTTP server start event").isNull();
    }

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

        assertThat(JvmContents.loadedClasses()).as("classes loaded in this JVM").doesNotContain("org.bytedeco");
        assertThat(JvmContents.mappedFiles()).as("/proc/self/maps").doesNotContain("libtorch").doesNotContain("libjnitorch");
    }

    @Test
    void serveBindsTheRequestedPortAndSaysWhenItCannot(QuarkusMainLauncher launcher) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            LaunchResult r = launcher.launch("serve", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.getErrorOutput()).contains("cannot serve on 127.0.0.1:" + taken.getLocalPort());
        }
        LaunchResult bad = launcher.launch("serve", "--port", "70000");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.getErrorOutput()).contains("--port must be from 0 to 65535; got 70000");
    }

    @Test
    void reportOfAnUnknownRunIsAUserError(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("report", "--run", "987654321", "--format", "md");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("no run with id 987654321");
        LaunchResult f = launcher.launch("report", "--run", "1", "--format", "pdf");
        assertThat(f.exitCode()).isEqualTo(2);
    }
}
