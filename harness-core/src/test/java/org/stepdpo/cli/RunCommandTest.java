package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.generation.FakeOpenAiServer;

/**
 * {@code stepdpo run} on a real-benchmark suite as a user with a Hugging Face checkpoint writes it: the model from
 * {@code model.path} (here a tiny random Qwen2 made by {@code model init}), MATH-format problems, the paper's
 * ChatML prompt, the llm judge (the local fake OpenAI server), Step-DPO only, and GSM8K as a second benchmark. A
 * random model answers nothing right, so this checks the wiring of every stage, not accuracy.
 */
@QuarkusMainTest
class RunCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSuiteWithAModelFolderAnLlmJudgeAndTwoBenchmarksRunsEndToEnd(QuarkusMainLauncher launcher, @TempDir Path tmp)
            throws Exception {
        Path model = tmp.resolve("tiny-qwen2");
        initModel(model);

        Path math = tmp.resolve("math.jsonl");
        Files.write(math, List.of(
                mathLine("What is $2+3$?", "$2+3=5$, so the answer is $\\\\boxed{5}$.", "5", 1),
                mathLine("Compute $\\\\frac{6}{3}$.", "$6/3=2$, so $\\\\boxed{2}$.", "2", 2),
                mathLine("What is $4\\\\cdot 5$?", "$4\\\\cdot 5=20$, so $\\\\boxed{20}$.", "20", 3)));
        Path gsm8k = tmp.resolve("gsm8k.jsonl");
        Files.write(gsm8k, List.of(
                "{\"question\": \"Ann has 3 apples and buys 4 more. How many apples does she have?\", "
                        + "\"answer\": \"3+4=<<3+4=7>>7\\n#### 7\"}",
                "{\"question\": \"Bo has 10 pens and gives away 6. How many pens are left?\", "
                        + "\"answer\": \"10-6=<<10-6=4>>4\\n#### 4\"}"));

        try (FakeOpenAiServer judge = new FakeOpenAiServer(r -> FakeOpenAiServer.Reply.ok(FakeOpenAiServer.chat(
                "Step 1: incorrect - the computation does not follow from the problem.")))) {
            Path suite = tmp.resolve("math-tiny.yaml");
            Files.writeString(suite, String.join("\n",
                    "name: math-tiny",
                    "dataset: {adapter: math, train: \"" + math + "\", test: \"" + math + "\"}",
                    "template: qwen2-boxed-step",
                    "model: {path: \"" + model + "\"}",
                    "sampling: {k: 2, temperature: 1.0, top_p: 1.0, max_tokens: 12, batch: 8}",
                    "judge: {kind: llm, url: \"" + judge.baseUrl() + "\", model: fake-judge, api_key_env: STEPDPO_TEST_NO_KEY_SET_Z}",
                    "rectification: {n: 2}",
                    "training:",
                    "  step-dpo: {beta: 0.1, lr: 1e-5, steps: 2, batch: 2}",
                    "evaluation: {max_tokens: 12}",
                    "benchmarks:",
                    "  gsm8k-test: {adapter: gsm8k, file: \"" + gsm8k + "\", max_tokens: 10}",
                    ""));
            // The key variable the suite names is not set: refused before any stage runs, naming it.
            Path out = tmp.resolve("run");
            LaunchResult noKey = launcher.launch("run", "--suite", suite.toString(), "--out", out.toString());
            assertThat(noKey.exitCode()).isEqualTo(2);
            assertThat(noKey.getErrorOutput()).contains("judge.api_key_env names STEPDPO_TEST_NO_KEY_SET_Z, which is not set");

            Files.writeString(suite, Files.readString(suite).replace(", api_key_env: STEPDPO_TEST_NO_KEY_SET_Z", ""));
            LaunchResult r = launcher.launch("run", "--suite", suite.toString(), "--out", out.toString());
            assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
            assertThat(r.getErrorOutput()).contains("== starting model: " + model.toAbsolutePath())
                    .doesNotContain("== sft model", "train-dpo");
            assertThat(r.getOutput()).contains("run: suite math-tiny", "greedy accuracy on the suite's other benchmarks",
                    "gsm8k-test");

            // The data loop: 3 problems x 2 samples, every wrong one sent to the judge, whose verdict was used.
            assertThat(Files.readAllLines(out.resolve("samples.jsonl"))).hasSize(6);
            assertThat(judge.received()).isNotEmpty();
            assertThat(judge.received().get(0).body().get("model").asText()).isEqualTo("fake-judge");
            assertThat(Files.readString(out.resolve("localized.jsonl"))).contains("\"first_error_step\":0");
            assertThat(out.resolve("pairs.jsonl")).exists();

            JsonNode board = JSON.readTree(out.resolve("leaderboard.json").toFile());
            assertThat(board).hasSize(2);
            assertThat(board.get(0).get("name").asText()).isEqualTo("sft");
            assertThat(board.get(1).get("name").asText()).isEqualTo("step-dpo");
            for (JsonNode e : board) {
                assertThat(e.get("n").asInt()).isEqualTo(3);
                assertThat(e.get("model").asText()).startsWith("math-tiny-");
                JsonNode other = e.get("benchmarks").get("gsm8k-test");
                assertThat(other.get("n").asInt()).isEqualTo(2);
                assertThat(other.get("run_id").asLong()).isPositive();
                String name = e.get("name").asText();
                assertThat(Files.readAllLines(out.resolve("eval-" + name).resolve("results.jsonl"))).hasSize(3);
                assertThat(Files.readAllLines(out.resolve("eval-" + name + "-gsm8k-test").resolve("results.jsonl")))
                        .hasSize(2);
                // The test answers were judged step by step by the llm judge.
                assertThat(Files.readString(out.resolve("eval-" + name).resolve("results.jsonl")))
                        .contains("\"verdicts\":[\"incorrect\"");
            }
            assertThat(board.get(0).get("versus")).isEmpty();
            assertThat(board.get(1).get("versus").get("sft").get("n").asInt()).isEqualTo(3);

            // The key was never written into the run folder.
            assertThat(Files.readString(out.resolve("run.json"))).contains(judge.baseUrl()).doesNotContain("api_key");
        }
    }

    /**
     * What {@code stepdpo model init} writes, in a JVM of its own: libtorch loaded into this JVM outside the
     * application's class loader could not be loaded again by the {@code run} launched next.
     */
    private static void initModel(Path model) throws Exception {
        Path log = model.resolveSibling("model-init.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TinyCheckpoint.class.getName(), model.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor()).as(() -> readQuietly(log)).isZero();
        assertThat(model.resolve("config.json")).exists();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static String mathLine(String problem, String solution, String answer, int level) {
        return "{\"problem\": \"" + problem + "\", \"solution\": \"" + solution + "\", \"answer\": \"" + answer
                + "\", \"level\": \"Level " + level + "\", \"type\": \"Prealgebra\"}";
    }
}
