package org.stepdpo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.judges.JudgeChoice;

/**
 * kill -9 for real: the pipeline runs in a child JVM with a slow fake policy, is killed (destroyForcibly
 * sends SIGKILL) once in the middle of sampling and once in the middle of rectification, and is then run to
 * the end; every file must equal that of an uninterrupted run, byte for byte.
 */
class ResumeAfterKillTest {

    @Test
    void killedTwiceAndResumedEqualsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        try (FakeArithPolicy policy = new FakeArithPolicy(PipelineFixtures.problems(), 0.15, 0)) {
            new PipelineRunner(policy, PipelineRecorder.NONE, List.of(), new PrintStream(new ByteArrayOutputStream()))
                    .run(PipelineFixtures.config(reference, new JudgeChoice.Verifier(), 2));
        }
        Map<String, String> expected = RunFolders.snapshot(reference);
        int samples = lineCount(reference.resolve(PipelineOutputs.SAMPLES));
        int rectifications = lineCount(reference.resolve(PipelineOutputs.RECTIFICATIONS));
        assertThat(samples).isEqualTo(48);
        assertThat(rectifications).isGreaterThan(20);

        Path run = tmp.resolve("killed");
        Path log = tmp.resolve("child.log");
        // 1: killed in the middle of sampling.
        Process first = child(run, 25, log);
        waitForLines(first, run.resolve(PipelineOutputs.SAMPLES), 12, log);
        kill(first);
        int sampledBeforeKill = lineCount(run.resolve(PipelineOutputs.SAMPLES));
        assertThat(sampledBeforeKill).as("killed in the middle of sampling").isBetween(12, samples - 1);
        assertThat(run.resolve(PipelineOutputs.ERRORS)).doesNotExist();

        // 2: resumed, then killed in the middle of rectification.
        Process second = child(run, 25, log);
        waitForLines(second, run.resolve(PipelineOutputs.RECTIFICATIONS), 6, log);
        kill(second);
        int rectifiedBeforeKill = lineCount(run.resolve(PipelineOutputs.RECTIFICATIONS));
        assertThat(rectifiedBeforeKill).as("killed in the middle of rectification").isBetween(6, rectifications - 1);
        assertThat(run.resolve(PipelineOutputs.PAIRS)).doesNotExist();
        assertThat(lineCount(run.resolve(PipelineOutputs.SAMPLES))).isEqualTo(samples);

        // 3: resumed to the end.
        Process third = child(run, 0, log);
        assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(third.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("sampling: resuming after").contains("rectification: resuming after");

        assertThat(RunFolders.snapshot(run)).isEqualTo(expected);
    }

    private static Process child(Path run, long delayMillis, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", PipelineChildMain.class.getName(), run.toString(), Long.toString(delayMillis))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private static void waitForLines(Process p, Path file, int lines, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lineCount(file) < lines) {
            if (!p.isAlive()) {
                throw new AssertionError("the child ended (exit " + p.exitValue() + ") before " + file + " had " + lines
                        + " lines; its output:\n" + Files.readString(log));
            }
            assertThat(System.nanoTime()).as("waiting for " + file).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    private static int lineCount(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        int n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

}
