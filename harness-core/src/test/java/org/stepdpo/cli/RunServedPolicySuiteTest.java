package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.generation.FakeOpenAiServer;

/**
 * {@code stepdpo run --suite gsm8k-qwen2} as shipped (rollout judge, Step-DPO and DPO) with the data loop's
 * sampling on an OpenAI-compatible server ({@code generator.kind: openai}, here the local fake server standing in
 * for vLLM) while training and evaluation run on the same checkpoint's folder with the native engine. The fake
 * server answers every second request of a prompt right and the others wrong, so there are errors, rollouts that
 * reach the answer and rectifications that do; it checks the wiring of every stage, not accuracy.
 */
@QuarkusMainTest
class RunServedPolicySuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGsm8kSuiteSamplesOnTheServerAndTrainsAndEvaluatesTheFolder(QuarkusMainLauncher launcher, @TempDir Path tmp)
            throws Exception {
        Path model = tmp.resolve("tiny-qwen2");
        TinyCheckpoint.writeInChildJvm(model);
        Path gsm8k = Files.write(tmp.resolve("gsm8k.jsonl"), List.of(
                "{\"question\": \"Ann has 3 apples and buys 4 more. How many apples does she have?\", "
                        + "\"answer\": \"3+4=<<3+4=7>>7\\n#### 7\"}",
                "{\"question\": \"Bo has 10 pens and gives away 6. How many pens are left?\", "
                        + "\"answer\": \"10-6=<<10-6=4>>4\\n#### 4\"}"));
        Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
        try (FakeOpenAiServer policy = new FakeOpenAiServer(r -> {
            String prompt = r.body().get("prompt").asText();
            long answer = prompt.contains("Ann has") ? 7 : 4;
            // every second request of a prompt is answered right: each problem gets right and wrong answers
            boolean right = asked.computeIfAbsent(prompt, p -> new AtomicInteger()).getAndIncrement() % 2 == 1;
            return FakeOpenAiServer.Reply.ok(FakeOpenAiServer.completion(" I count the items.\nStep 2: The answer is "
                    + "$\\boxed{" + (right ? answer : answer + 1) + "}$.", "stop"));
        })) {
            Path out = tmp.resolve("run");
            List<String> args = new ArrayList<>(List.of("run", "--suite", "gsm8k-qwen2", "--out", out.toString(),
                    "--set", "model.path=" + model, "--set", "dataset.train=" + gsm8k, "--set", "dataset.test=" + gsm8k,
                    "--set", "generator.kind=openai", "--set", "generator.url=" + policy.baseUrl(),
                    "--set", "generator.model=fake-policy", "--set", "sampling.k=4", "--set", "judge.rollouts=2",
                    "--set", "rectification.n=2", "--set", "evaluation.max_tokens=8", "--set", "evaluation.samples=0"));
            for (String objective : List.of("step-dpo", "dpo")) {
                args.addAll(List.of("--set", "training." + objective + ".steps=1", "--set",
                        "training." + objective + ".batch=2"));
            }
            LaunchResult r = launcher.launch(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
            assertThat(r.getErrorOutput()).contains("sampling on " + policy.baseUrl());

            // Error collection, the rollout judge and rectification all asked the server, for the served model.
            assertThat(Files.readAllLines(out.resolve("samples.jsonl"))).hasSize(2 * 4);
            assertThat(policy.received()).allSatisfy(q -> assertThat(q.body().get("model").asText())
                    .isEqualTo("fake-policy"));
            int samplesAndRollouts = 2 * 4;
            assertThat(policy.received().size()).isGreaterThan(samplesAndRollouts);
            assertThat(Files.readAllLines(out.resolve("rectifications.jsonl"))).isNotEmpty();
            assertThat(Files.readAllLines(out.resolve("pairs.jsonl"))).isNotEmpty();
            assertThat(Files.readAllLines(out.resolve("dpo_pairs.jsonl"))).isNotEmpty();

            // Both objectives trained on the folder's weights and every model was evaluated natively.
            JsonNode board = JSON.readTree(out.resolve("leaderboard.json").toFile());
            assertThat(board).extracting(e -> e.get("name").asText()).containsExactlyInAnyOrder("sft", "step-dpo", "dpo");
            int requestsAfterLoop = policy.received().size();
            for (JsonNode e : board) {
                assertThat(Files.readAllLines(out.resolve("eval-" + e.get("name").asText()).resolve("results.jsonl")))
                        .hasSize(2);
            }
            assertThat(policy.received()).hasSize(requestsAfterLoop);
            assertThat(out.resolve("train-step-dpo").resolve("final").resolve("config.json")).exists();
            // The run records where the policy ran.
            assertThat(Files.readString(out.resolve("run.json"))).contains("fake-policy");
        }
    }
}
