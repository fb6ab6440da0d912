package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.generation.FakeOpenAiServer;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.pipeline.FakeArithPolicy;

/** {@code stepdpo pipeline} end to end, sampling from a local OpenAI-compatible server that plays the policy. */
@QuarkusMainTest
class PipelineCommandTest {

    @Test
    void writesPairsFromAnOpenAiCompatibleServerAndRecordsTheRun(QuarkusMainLauncher launcher, @TempDir Path out)
            throws Exception {
        FakeArithPolicy policy = new FakeArithPolicy(DatasetAdapters.byName("arith")
                .load(Path.of("train"), new LoadOptions(false, java.util.Map.of("n", "6", "seed", "3"))).problems(), 0.2, 0);
        FakeOpenAiServer.Handler answer = r -> FakeOpenAiServer.Reply.ok(FakeOpenAiServer.completion(
                policy.generate(List.of(new SampleRequest(r.body().get("prompt").asText(), r.body().get("seed").asLong())),
                        SamplingSettings.greedy(1)).get(0).text(), "stop"));
        try (FakeOpenAiServer server = new FakeOpenAiServer(answer); FakeOpenAiServer second = new FakeOpenAiServer(answer)) {
            LaunchResult r = launcher.launch("pipeline", "--adapter", "arith", "--data", "train", "-o", "n=6", "-o", "seed=3",
                    "--openai-url", server.baseUrl(), "--openai-url", second.baseUrl(), "--openai-model", "fake-policy",
                    "-k", "4", "-n", "4", "--out", out.toString());
            assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
            assertThat(r.getOutput()).contains("fake-policy on arith: 6 problems x 4 samples", "step pairs", "recorded");
            assertThat(Files.readAllLines(out.resolve("samples.jsonl"))).hasSize(24);
            // Both servers answered; the folder counts the requests of each.
            assertThat(server.received()).isNotEmpty();
            assertThat(second.received()).isNotEmpty();
            com.fasterxml.jackson.databind.JsonNode servers = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("servers.json").toFile());
            assertThat(servers.at("/sampling/policy/0/base_url").asText()).isEqualTo(server.baseUrl());
            assertThat(servers.at("/sampling/policy/0/served").asLong() + servers.at("/sampling/policy/1/served").asLong())
                    .isEqualTo(24);
            assertThat(Files.readString(out.resolve("pairs.jsonl"))).contains("\"source_model\":\"fake-policy\"");
            assertThat(server.received().get(0).body().get("temperature").asDouble()).isEqualTo(0.8);

            // The run is stored with its pair-set funnel (samples >= wrong >= localized >= rectified).
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("run (\\d+) recorded").matcher(r.getOutput());
            assertThat(id.find()).isTrue();
            LaunchResult report = launcher.launch("report", "--run", id.group(1), "--format", "json");
            assertThat(report.exitCode()).as(report.getErrorOutput()).isZero();
            com.fasterxml.jackson.databind.JsonNode stored = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(report.getOutput());
            assertThat(stored.toString()).contains("\"samples\":24");
            assertThat(stored.findValues("pairsKept")).isNotEmpty();

            LaunchResult again = launcher.launch("pipeline", "--adapter", "arith", "--data", "train", "-o", "n=6",
                    "-o", "seed=3", "--openai-url", server.baseUrl(), "--openai-model", "fake-policy", "-k", "4", "-n", "4",
                    "--out", out.toString(), "--seed", "2");
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.getErrorOutput()).contains("another configuration", "seed");
        }
    }

    @Test
    void aChatTemplateNeedsTheModelFolder(QuarkusMainLauncher launcher, @TempDir Path dir) {
        LaunchResult server = launcher.launch("pipeline", "--adapter", "arith", "-o", "n=2", "--template", "chat",
                "--openai-url", "http://127.0.0.1:9", "--openai-model", "m", "--out", dir.resolve("a").toString());
        assertThat(server.exitCode()).isEqualTo(2);
        assertThat(server.getErrorOutput()).contains("error: --template chat is the model's own chat template and needs "
                + "its folder: give --model DIR").doesNotContain("Exception", "\tat ");

        Path noTemplate = dir.resolve("model");
        LaunchResult folder = launcher.launch("pipeline", "--adapter", "arith", "-o", "n=2", "--template", "chat-boxed",
                "--model", noTemplate.toString(), "--out", dir.resolve("b").toString());
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.getErrorOutput().strip()).isEqualTo("error: model folder " + noTemplate
                + " does not exist (needed for its chat template)");
    }
}
