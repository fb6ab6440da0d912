package org.stepdpo.cli.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRanksTest {

    @TempDir
    Path dir;

    private static List<String> probe(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), LocalRankProbe.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void eachRankGetsTorchrunsVariablesAndRankZerosOutputIsStreamed() throws Exception {
        StringWriter out = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LocalRanks.run(probe(), 2, dir.resolve("logs"), new PrintWriter(out, true), new PrintStream(err, true),
                Duration.ofSeconds(5));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String rank0 = out.toString();
        String rank1 = Files.readString(dir.resolve("logs/rank-1.log"));
        assertThat(rank0).containsPattern("rank 0 of 2 local 0 store 127\\.0\\.0\\.1:\\d+ threads \\d+");
        assertThat(rank1).containsPattern("rank 1 of 2 local 1 store 127\\.0\\.0\\.1:\\d+ threads \\d+");
        assertThat(rank0.replaceAll("(?s).*store (\\S+).*", "$1")).isEqualTo(rank1.replaceAll("(?s).*store (\\S+).*", "$1"));
        assertThat(rank0).doesNotContain("rank 1 of 2");
    }

    @Test
    void theFirstFailingExitCodeIsReturnedAndARankThatDoesNotStopIsKilledAfterTheGrace() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code = LocalRanks.run(probe("fail"), 2, dir.resolve("logs"), new PrintWriter(new StringWriter()),
                new PrintStream(err, true), Duration.ofSeconds(2));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(code).isEqualTo(7);
        assertThat(seconds).as("rank 0 sleeps 120 s; the grace is 2 s").isLessThan(60);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("rank 1 exited with code 7",
                "killing rank 0, still running 2 s after rank 1 failed");
    }
}
