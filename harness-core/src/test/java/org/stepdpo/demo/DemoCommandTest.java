package org.stepdpo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepdpo demo} end to end on a tiny suite: SFT model, data loop, Step-DPO and DPO training, three
 * greedy evaluations stored in the database, the leaderboard; then a second run that reuses all of it.
 */
@QuarkusMainTest
class DemoCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SUITE = Path.of("src/test/resources/demo/tiny-suite.yaml").toAbsolutePath();

    @Test
    void runsTheWholeDemoAndResumesWithoutRedoingFinishedStages(QuarkusMainLauncher launcher, @TempDir Path tmp)
            throws Exception {
        Path out = tmp.resolve("run");
        Path cache = tmp.resolve("models");
        String[] args = {"demo", "--suite", SUITE.toString(), "--seed", "1", "--out", out.toString(),
                "--model-cache", cache.toString()};

        LaunchResult first = launcher.launch(args);
        assertThat(first.exitCode()).as(first.getErrorOutput()).isZero();
        assertThat(first.getErrorOutput()).contains("== sft model done in", "== train-step-dpo done in",
                "== eval-dpo done in");
        assertThat(first.getOutput()).contains("stage times:", "sft model", "data loop", "train-dpo", "leaderboard:",
                "headroom: 2 samples per problem", "first wrong step of the wrong greedy answers, by kind",
                "step-dpo vs sft", "step-dpo vs dpo", "McNemar exact");

        JsonNode board = JSON.readTree(out.resolve("leaderboard.json").toFile());
        assertThat(board).hasSize(3);
        List<String> names = new ArrayList<>();
        for (JsonNode e : board) {
            names.add(e.get("name").asText());
            assertThat(e.get("n").asInt()).isEqualTo(12);
            double acc = e.get("accuracy").asDouble();
            assertThat(acc).isBetween(0.0, 1.0);
            assertThat(e.get("ci95").get(0).asDouble()).isLessThanOrEqualTo(acc);
            assertThat(e.get("ci95").get(1).asDouble()).isGreaterThanOrEqualTo(acc);
            assertThat(e.get("mean_steps").asDouble()).isPositive();
            assertThat(e.has("first_error_position")).isTrue();
            assertThat(e.has("right_through_wrong_step")).isTrue();
            assertThat(e.get("run_id").asLong()).isPositive();
            JsonNode headroom = e.get("headroom");
            assertThat(headroom.get("n").asInt()).isEqualTo(12);
            assertThat(headroom.get("k").asInt()).isEqualTo(2);
            assertThat(headroom.get("passAtK").asDouble()).isGreaterThanOrEqualTo(headroom.get("passAt1").asDouble());
            assertThat(e.get("error_mix").get("wrong").asInt()).isEqualTo(12 - e.get("correct").asInt());
            Path results = out.resolve("eval-" + e.get("name").asText()).resolve("results.jsonl");
            assertThat(Files.readAllLines(results)).hasSize(12);
        }
        assertThat(names).containsExactly("sft", "dpo", "step-dpo");
        JsonNode versus = board.get(2).get("versus");
        assertThat(versus.get("sft").get("pValue").asDouble()).isBetween(0.0, 1.0);
        assertThat(versus.get("dpo").get("n").asInt()).isEqualTo(12);
        int stepPairs = board.get(2).get("training_pairs").asInt();
        int dpoPairs = board.get(1).get("training_pairs").asInt();
        assertThat(Files.readAllLines(out.resolve("pairs.jsonl"))).hasSize(stepPairs);
        assertThat(Files.readAllLines(out.resolve("dpo_pairs.jsonl"))).hasSize(dpoPairs);
        assertThat(stepPairs).as("the tiny SFT model should be right sometimes, so that rectification finds pairs")
                .isPositive();
        assertThat(out.resolve("train-step-dpo/final/config.json")).exists();
        // Step-DPO validated at steps 0..3: its test evaluation is of the best of those checkpoints.
        JsonNode best = JSON.readTree(out.resolve("train-step-dpo/best.json").toFile());
        assertThat(best.get("history")).hasSize(4);
        assertThat(board.get(2).get("best_step").asInt()).isEqualTo(best.get("step").asInt());
        assertThat(board.get(2).get("validation_accuracy").asDouble()).isEqualTo(best.get("score").asDouble());
        assertThat(board.get(1).has("best_step")).as("DPO does not validate in this suite").isFalse();
        assertThat(first.getOutput()).contains("step-dpo best step " + best.get("step") + " (of ");
        assertThat(first.getErrorOutput()).contains("step-dpo validation after step 3:",
                "the test evaluation uses " + out.resolve("train-step-dpo").resolve("best"));
        if (dpoPairs > 0) {
            assertThat(out.resolve("train-dpo/final/config.json")).exists();
        } else {
            assertThat(out.resolve("train-dpo/" + PreferenceTraining.NO_PAIRS)).exists();
        }

        // The eval runs are in the database, with the verifier's step verdicts.
        LaunchResult leaderboard = launcher.launch("leaderboard", "--suite", "demo-tiny");
        assertThat(leaderboard.exitCode()).as(leaderboard.getErrorOutput()).isZero();
        assertThat(leaderboard.getOutput()).contains("demo-tiny-sft-seed1", "demo-tiny-dpo-seed1",
                "demo-tiny-step-dpo-seed1");
        assertThat(Files.readString(out.resolve("eval-sft/results.jsonl"))).contains("\"verdicts\":[\"");

        // Both trainings are stored as TRAIN runs (their curves are what the dashboard plots side by side).
        java.util.List<String> trainRuns = new java.util.ArrayList<>();
        java.util.regex.Matcher stored = java.util.regex.Pattern.compile("train run (\\d+) stored").matcher(first.getOutput() + "\n" + first.getErrorOutput());
        while (stored.find()) {
            LaunchResult report = launcher.launch("report", "--run", stored.group(1), "--format", "json");
            assertThat(report.exitCode()).as(report.getErrorOutput()).isZero();
            JsonNode run = JSON.readTree(report.getOutput()).get("run");
            assertThat(run.get("kind").asText()).isEqualTo("TRAIN");
            trainRuns.add(run.get("benchmark").asText());
        }
        assertThat(trainRuns).containsExactlyInAnyOrder("step-dpo", "dpo");

        // Second run on the same folder: the cached SFT model and every finished stage are reused.
        FileTime evalWritten = Files.getLastModifiedTime(out.resolve("eval-step-dpo/score.json"));
        FileTime modelWritten = Files.getLastModifiedTime(out.resolve("train-step-dpo/final/config.json"));
        LaunchResult again = launcher.launch(args);
        assertThat(again.exitCode()).as(again.getErrorOutput()).isZero();
        assertThat(again.getErrorOutput()).contains("SFT model from the cache").doesNotContain("== train-step-dpo",
                "== eval-sft", "sampling [");
        assertThat(Files.getLastModifiedTime(out.resolve("eval-step-dpo/score.json"))).isEqualTo(evalWritten);
        assertThat(Files.getLastModifiedTime(out.resolve("train-step-dpo/final/config.json"))).isEqualTo(modelWritten);
        assertThat(JSON.readTree(out.resolve("leaderboard.json").toFile())).isEqualTo(board);
        try (Stream<Path> models = Files.list(cache)) {
            assertThat(models.filter(Files::isDirectory).toList()).hasSize(1);
        }
    }
}
