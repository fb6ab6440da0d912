package org.stepdpo.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.engine.checkpoint.SafetensorsFile;
import org.stepdpo.engine.device.NativeTorch;

/**
 * Two ranks on gloo over loopback, each in a JVM of its own, against one process with the same global batch (batch 2 ×
 * accumulation 1 × 2 ranks = batch 2 × accumulation 2): the same loss curve and the same final weights; a rank killed
 * with -9 stops the other within the timeout naming it, and the run resumes from the last checkpoint with two ranks
 * but not with one.
 */
class DataParallelTrainingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path model;
    static Path pairs;
    static Path completions;

    @TempDir
    Path dir;

    @BeforeAll
    static void fixtures() {
        NativeTorch.ensureLoaded();
        model = TrainingFixtures.tinyModel(shared.resolve("model"));
        pairs = TrainingFixtures.stepPairs(shared.resolve("pairs.jsonl"), 16);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            lines.add(String.format("{\"prompt\": \"%d+%d\", \"completion\": \" %d\"}", i % 5, i / 5, i % 5 + i / 5));
        }
        completions = TrainingFixtures.write(shared.resolve("completions.jsonl"), lines);
    }

    private static Path data(String name) {
        return name.startsWith("sft") ? completions : pairs;
    }

    @Test
    void twoRanksFollowOneProcessWithTheSameGlobalBatchStepDpoLoraAndFullSft() throws Exception {
        for (String name : List.of("step-dpo-lora", "sft-full")) {
            TrainingConfig one = DataParallelRank.config(name, model, 2, 2, 5).withCheckpoints(0, 1);
            Path single = dir.resolve(name + "-single");
            Trainer.run(one, TrainingData.read(data(name), one.objective(), DataParallelRank.FORMAT, false), single,
                    TrainingListener.NONE);

            Path parallel = dir.resolve(name + "-two-ranks");
            List<Process> ranks = launch(name, parallel, 5, 0, false, 60, 0);
            awaitSuccess(ranks, parallel, name);

            List<JsonNode> expected = metrics(single);
            List<JsonNode> actual = metrics(parallel);
            assertThat(actual).as(name + ": metrics.jsonl of rank 0").hasSize(5);
            for (int i = 0; i < 5; i++) {
                for (String key : List.of("loss", "grad_norm", "chosen_reward", "reward_accuracy")) {
                    if (expected.get(i).has(key)) {
                        assertThat(actual.get(i).get(key).asDouble()).as(name + " step " + (i + 1) + " " + key)
                                .isCloseTo(expected.get(i).get(key).asDouble(), within(1e-5));
                    }
                }
                assertThat(actual.get(i).get("epoch").asDouble()).isEqualTo(expected.get(i).get("epoch").asDouble());
            }
            assertThat(expected.get(4).get("loss").asDouble()).as(name + ": the weights moved")
                    .isNotCloseTo(expected.get(0).get("loss").asDouble(), within(1e-3));
            assertSameWeights(name, single.resolve("final/model.safetensors"), parallel.resolve("final/model.safetensors"));
            assertThat(parallel.resolve("checkpoints")).isDirectory();
        }
    }

    @Test
    void zeroOneShardsTheOptimiserStateWithTheSameStepsWeightsAndCheckpointedState() throws Exception {
        TrainingConfig one = DataParallelRank.config("sft-full", model, 2, 2, 4).withCheckpoints(2, 5);
        Path single = dir.resolve("zero-single");
        Trainer.run(one, TrainingData.read(completions, one.objective(), DataParallelRank.FORMAT, false), single,
                TrainingListener.NONE);
        Path sharded = dir.resolve("zero-two-ranks");
        List<Process> ranks = launch("sft-full" + DataParallelRank.ZERO1, sharded, 4, 2, false, 60, 0);
        awaitSuccess(ranks, sharded, "ZeRO-1");
        assertThat(log(sharded, 0)).containsPattern("optimiser state sharded over 2 ranks \\(ZeRO-1\\): \\d+ MiB on rank 0");
        List<JsonNode> expected = metrics(single);
        List<JsonNode> actual = metrics(sharded);
        for (int i = 0; i < 4; i++) {
            assertThat(actual.get(i).get("loss").asDouble()).as("ZeRO-1 step " + (i + 1))
                    .isCloseTo(expected.get(i).get("loss").asDouble(), within(1e-5));
        }
        assertSameWeights("ZeRO-1", single.resolve("final/model.safetensors"), sharded.resolve("final/model.safetensors"));
        for (String step : List.of("step-000002", "step-000004")) {
            assertSameWeights("ZeRO-1 checkpoint " + step + " optimiser state",
                    single.resolve("checkpoints/" + step + "/optimizer.safetensors"),
                    sharded.resolve("checkpoints/" + step + "/optimizer.safetensors"));
        }
    }

    @Test
    void aKilledRankStopsTheOtherNamingItAndTheRunResumesWithTheSameNumberOfRanksOnly() throws Exception {
        Path out = dir.resolve("killed");
        // rank 0 sleeps 1.5 s after each step, so that the kill lands between the checkpoint of step 2 and step 4
        List<Process> ranks = launch("sft-full", out, 6, 2, false, 8, 1500);
        awaitCheckpointOfStep2(ranks, out);
        new ProcessBuilder("kill", "-9", Long.toString(ranks.get(1).pid())).start().waitFor();
        long killed = System.nanoTime();
        assertThat(ranks.get(0).waitFor(60, TimeUnit.SECONDS)).as("rank 0 stops by itself").isTrue();
        double seconds = (System.nanoTime() - killed) / 1e9;
        assertThat(ranks.get(0).exitValue()).isNotZero();
        assertThat(log(out, 0)).contains("rank 1 of 2 died or stopped answering");
        assertThat(seconds).as("stopped within timeout (8 s) + check-in (8 s) + a step").isLessThan(30);
        assertThat(out.resolve("final")).doesNotExist();

        Path log1 = out.resolve("rank-0.log");
        List<Process> one = launchWorld(1, "sft-full", out, 6, 2, true, 8, 0, "single");
        assertThat(one.get(0).waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(out.resolve("rank-single-0.log")))
                .contains("was written by a run of 2 rank(s); this one has 1");

        List<Process> resumed = launch("sft-full", out, 6, 2, true, 60, 0);
        awaitSuccess(resumed, out, "resumed");
        assertThat(Files.readString(log1)).containsPattern("resumed from .*step-00000[24] \\(step [24]\\)");
        assertThat(metrics(out)).hasSize(6);

        TrainingConfig c = DataParallelRank.config("sft-full", model, 2, 2, 6).withCheckpoints(0, 1);
        Path straight = dir.resolve("straight");
        Trainer.run(c, TrainingData.read(completions, c.objective(), DataParallelRank.FORMAT, false), straight,
                TrainingListener.NONE);
        List<JsonNode> expected = metrics(straight);
        List<JsonNode> actual = metrics(out);
        for (int i = 0; i < 6; i++) {
            assertThat(actual.get(i).get("loss").asDouble()).as("resumed run, step " + (i + 1))
                    .isCloseTo(expected.get(i).get("loss").asDouble(), within(1e-5));
        }
    }

    @Test
    void aHangingRankStopsTheOtherWithinTheTimeoutNamingIt() throws Exception {
        Path out = dir.resolve("hung");
        List<Process> ranks = launch("sft-full", out, 40, 2, false, 8, 0);
        awaitCheckpointOfStep2(ranks, out);
        try {
            new ProcessBuilder("kill", "-STOP", Long.toString(ranks.get(1).pid())).start().waitFor();
            long stopped = System.nanoTime();
            assertThat(ranks.get(0).waitFor(90, TimeUnit.SECONDS)).as("rank 0 stops by itself").isTrue();
            double seconds = (System.nanoTime() - stopped) / 1e9;
            assertThat(ranks.get(0).exitValue()).isNotZero();
            assertThat(log(out, 0)).contains("rank 1 of 2 died or stopped answering", "(process-group timeout 8 s)");
            assertThat(seconds).as("the timeout (8 s) + the check-in (8 s) + a step").isBetween(7.0, 40.0);
        } finally {
            ranks.get(1).destroyForcibly();
        }
    }

    /** Every rank finishes within 3 minutes with exit code 0 (its log is the message otherwise). */
    private static void awaitSuccess(List<Process> ranks, Path out, String label) throws InterruptedException {
        for (int r = 0; r < ranks.size(); r++) {
            assertThat(ranks.get(r).waitFor(3, TimeUnit.MINUTES)).as(label + " rank " + r + " finished").isTrue();
            assertThat(ranks.get(r).exitValue()).as(log(out, r)).isZero();
        }
    }

    /** Waits (up to 2 minutes, while rank 0 lives) until the checkpoint of step 2 is complete. */
    private static void awaitCheckpointOfStep2(List<Process> ranks, Path out) throws InterruptedException {
        Path checkpoint = out.resolve("checkpoints/step-000002/trainer_state.json");
        long until = System.currentTimeMillis() + 120_000;
        while (!Files.exists(checkpoint) && System.currentTimeMillis() < until && ranks.get(0).isAlive()) {
            Thread.sleep(100);
        }
        assertThat(checkpoint).as(log(out, 0)).exists();
    }

    private List<Process> launch(String name, Path out, int steps, int saveEvery, boolean resume, int timeout,
                                 long slowMillis) throws IOException {
        return launchWorld(2, name, out, steps, saveEvery, resume, timeout, slowMillis, "");
    }

    /** WORLD ranks of batch 2 × accumulation 1 on a free loopback port; logs in OUT/rank-TAG-R.log. */
    private List<Process> launchWorld(int world, String name, Path out, int steps, int saveEvery, boolean resume,
                                      int timeout, long slowMillis, String tag) throws IOException {
        Files.createDirectories(out);
        int port = freePort();
        List<Process> ranks = new ArrayList<>();
        for (int r = 0; r < world; r++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DataParallelRank.class.getName(), name,
                    model.toString(), data(name).toString(), out.toString(), "2", Integer.toString(2 / world),
                    Integer.toString(steps), Integer.toString(saveEvery), Boolean.toString(resume),
                    Integer.toString(timeout), Long.toString(r == 0 ? slowMillis : 0)));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(out.resolve("rank-" + (tag.isEmpty() ? "" : tag + "-") + r + ".log").toFile());
            Map<String, String> env = pb.environment();
            env.put("MASTER_ADDR", "127.0.0.1");
            env.put("MASTER_PORT", Integer.toString(port));
            env.put("RANK", Integer.toString(r));
            env.put("LOCAL_RANK", Integer.toString(r));
            env.put("WORLD_SIZE", Integer.toString(world));
            env.put("STEPDPO_THREADS", "1");
            ranks.add(pb.start());
        }
        return ranks;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<JsonNode> metrics(Path out) throws IOException {
        List<JsonNode> out1 = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(Trainer.METRICS))) {
            out1.add(JSON.readTree(line));
        }
        return out1;
    }

    private static void assertSameWeights(String name, Path expected, Path actual) {
        Map<String, Tensor> a = SafetensorsFile.read(expected);
        Map<String, Tensor> b = SafetensorsFile.read(actual);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((k, t) -> assertThat(torch.max(torch.abs(t.sub(b.get(k)))).item_double())
                .as(name + ": final " + k).isLessThan(1e-5));
    }

    private static String log(Path out, int rank) {
        try {
            return Files.readString(out.resolve("rank-" + rank + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
