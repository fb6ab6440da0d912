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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.generation.FakeOpenAiServer;

/**
 * {@code stepdpo run --suite math-qwen2} as a user with a Hugging Face checkpoint runs it: the model from
 * {@code model.path} (here a tiny random Qwen2, as {@code model init} writes it), MATH train problems for the loop,
 * MATH-500 for the test, the paper's ChatML prompt, the llm judge (the local fake OpenAI server), Step-DPO only,
 * and the suite's GSM8K, AIME 2024/2025 and AMC 2023 benchmarks, on small made-up files in each format. A random
 * model answers nothing right, so this checks the wiring of every stage, not accuracy.
 */
@QuarkusMainTest
class RunCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBuiltInMathSuiteRunsEndToEndOnAModelFolderWithTheLlmJudge(QuarkusMainLauncher launcher, @TempDir Path tmp)
            throws Exception {
        Path model = tmp.resolve("tiny-qwen2");
        TinyCheckpoint.writeInChildJvm(model);
        // Made-up problems in each benchmark's own format (MATH train, MATH-500, GSM8K, AIME, AMC).
        Path math = write(tmp.resolve("math-train.jsonl"),
                mathLine("What is $2+3$?", "$2+3=5$, so the answer is $\\\\boxed{5}$.", 1),
                mathLine("Compute $\\\\frac{6}{3}$.", "$6/3=2$, so $\\\\boxed{2}$.", 2),
                mathLine("What is $4\\\\cdot 5$?", "$4\\\\cdot 5=20$, so $\\\\boxed{20}$.", 3));
        Path math500 = write(tmp.resolve("math500.jsonl"),
                "{\"unique_id\": \"test/a/1.json\", \"problem\": \"What is $7-2$?\", \"answer\": \"5\", \"level\": 1}",
                "{\"unique_id\": \"test/a/2.json\", \"problem\": \"What is $3^2$?\", \"answer\": \"9\", \"level\": 2}",
                "{\"unique_id\": \"test/a/3.json\", \"problem\": \"What is $1+1$?\", \"answer\": \"2\", \"level\": 1}");
        Path gsm8k = write(tmp.resolve("gsm8k.jsonl"),
                "{\"question\": \"Ann has 3 apples and buys 4 more. How many apples does she have?\", "
                        + "\"answer\": \"3+4=<<3+4=7>>7\\n#### 7\"}",
                "{\"question\": \"Bo has 10 pens and gives away 6. How many pens are left?\", "
                        + "\"answer\": \"10-6=<<10-6=4>>4\\n#### 4\"}");
        Path aime = write(tmp.resolve("aime.jsonl"), "{\"id\": 1, \"problem\": \"Find $2^{10} - 1000$.\", \"answer\": 24}",
                "{\"id\": 2, \"problem\": \"Find $3 \\\\cdot 37$.\", \"answer\": 111}");
        Path amc = write(tmp.resolve("amc.jsonl"), "{\"id\": 0, \"problem\": \"What is $6 \\\\cdot 7$?\", \"answer\": 42.0}");

        FakeOpenAiServer.Handler critic = r -> FakeOpenAiServer.Reply.ok(FakeOpenAiServer.chat(
                "Step 1: incorrect - the computation does not follow from the problem."));
        try (FakeOpenAiServer judge = new FakeOpenAiServer(critic); FakeOpenAiServer judge2 = new FakeOpenAiServer(critic)) {
            Path out = tmp.resolve("run");
            // math-qwen2 as shipped, scaled down for CPU and pointed at these files: what a user types, with --set.
            List<String> args = new java.util.ArrayList<>(List.of("run", "--suite", "math-qwen2", "--out", out.toString(),
                    "--set", "model.path=" + model, "--set", "dataset.train=" + math, "--set", "dataset.test=" + math500,
                    "--set", "sampling.problems=2", "--set", "sampling.k=2", "--set", "sampling.max_tokens=12", "--set", "sampling.temperature=1.0",
                    "--set", "judge.kind=llm", "--set", "judge.url=" + judge.baseUrl() + "," + judge2.baseUrl(), "--set", "judge.model=fake-judge",
                    "--set", "judge.api_key_env=STEPDPO_TEST_NO_KEY_SET_Z", "--set", "rectification.n=2",
                    "--set", "training.step-dpo.steps=2", "--set", "training.step-dpo.batch=2",
                    "--set", "evaluation.max_tokens=12", "--set", "benchmarks.gsm8k.file=" + gsm8k,
                    "--set", "benchmarks.aime24.file=" + aime, "--set", "benchmarks.aime25.file=" + aime,
                    "--set", "benchmarks.aime25.limit=1", "--set", "benchmarks.amc23.file=" + amc));
            for (String b : List.of("gsm8k", "aime24", "aime25", "amc23")) {
                args.addAll(List.of("--set", "benchmarks." + b + ".max_tokens=10"));
            }

            // The key variable the suite names is not set: refused before any stage runs, naming it.
            LaunchResult noKey = launcher.launch(args.toArray(String[]::new));
            assertThat(noKey.exitCode()).isEqualTo(2);
            assertThat(noKey.getErrorOutput()).contains("judge.api_key_env names STEPDPO_TEST_NO_KEY_SET_Z, which is not set");
            assertThat(out.resolve("samples.jsonl")).doesNotExist();

            int key = args.indexOf("judge.api_key_env=STEPDPO_TEST_NO_KEY_SET_Z");
            args.remove(key);
            args.remove(key - 1);
            LaunchResult r = launcher.launch(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
            assertThat(r.getErrorOutput()).contains("== starting model: " + model.toAbsolutePath())
                    .doesNotContain("== sft model", "train-dpo");
            assertThat(r.getOutput()).contains("run: suite math-qwen2", "greedy accuracy on the suite's other benchmarks",
                    "gsm8k", "aime24", "aime25", "amc23").containsPattern("gsm8k +aime24 +aime25 +amc23");

            // The data loop: the first 2 of the 3 train problems x 2 samples, every wrong one sent to the judge.
            assertThat(Files.readAllLines(out.resolve("samples.jsonl"))).hasSize(4);
            assertThat(judge.received()).isNotEmpty();
            assertThat(judge2.received()).isNotEmpty();
            assertThat(judge.received().get(0).body().get("model").asText()).isEqualTo("fake-judge");
            JsonNode servers = JSON.readTree(out.resolve("servers.json").toFile());
            assertThat(servers.at("/localization/judge/0/base_url").asText()).isEqualTo(judge.baseUrl());
            assertThat(servers.at("/localization/judge/1/base_url").asText()).isEqualTo(judge2.baseUrl());
            assertThat(out.resolve("localized.jsonl")).exists();
            assertThat(out.resolve("pairs.jsonl")).exists();

            JsonNode board = JSON.readTree(out.resolve("leaderboard.json").toFile());
            assertThat(board).hasSize(2);
            assertThat(board.get(0).get("name").asText()).isEqualTo("sft");
            assertThat(board.get(1).get("name").asText()).isEqualTo("step-dpo");
            Map<String, Integer> sizes = Map.of("gsm8k", 2, "aime24", 2, "aime25", 1, "amc23", 1);
            for (JsonNode e : board) {
                assertThat(e.get("n").asInt()).isEqualTo(3);
                assertThat(e.get("model").asText()).startsWith("math-qwen2-");
                String name = e.get("name").asText();
                assertThat(Files.readAllLines(out.resolve("eval-" + name).resolve("results.jsonl"))).hasSize(3);
                // The test answers were judged step by step by the llm judge.
                assertThat(Files.readString(out.resolve("eval-" + name).resolve("results.jsonl")))
                        .contains("\"verdicts\":[\"incorrect\"");
                sizes.forEach((bench, n) -> {
                    JsonNode other = e.get("benchmarks").get(bench);
                    assertThat(other.get("n").asInt()).as(bench).isEqualTo(n);
                    assertThat(other.get("run_id").asLong()).isPositive();
                    assertThat(out.resolve("eval-" + name + "-" + bench).resolve("results.jsonl")).exists();
                });
            }
            assertThat(board.get(0).get("versus")).isEmpty();
            assertThat(board.get(1).get("versus").get("sft").get("n").asInt()).isEqualTo(3);

            // The key was never written into the run folder; nor are the judge's servers part of the run's identity
            // (a resume may use others), only its model.
            assertThat(Files.readString(out.resolve("run.json"))).contains("fake-judge").doesNotContain("api_key")
                    .doesNotContain(judge.baseUrl());
        }
    }

    private static Path write(Path file, String... lines) throws java.io.IOException {
        return Files.write(file, List.of(lines));
    }

    private static String mathLine(String problem, String solution, int level) {
        return "{\"problem\": \"" + problem + "\", \"solution\": \"" + solution + "\", \"level\": \"Level " + level
                + "\", \"type\": \"Prealgebra\"}";
    }
}
