package org.stepdpo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.generation.FakeOpenAiServer;
import org.stepdpo.generation.OpenAiCompletionsGenerator;
import org.stepdpo.generation.OpenAiEndpoints;
import org.stepdpo.generation.OpenAiException;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.judges.JudgeChoice;

/**
 * The data iteration with its policy behind several OpenAI-compatible servers, one of which fails half of its
 * requests (HTTP 500 or a dropped connection): every record is there once, the same as from one healthy server.
 */
class PipelineOverServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The rollout judge, so that localization also goes through the servers. */
    private static final JudgeChoice JUDGE = new JudgeChoice.Rollout(2, 0, SamplingSettings.paper(200));

    private final FakeArithPolicy policy = new FakeArithPolicy(PipelineFixtures.problems(), 0.15, 0);
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

    /** The policy as a server: the completion depends on the prompt and the request's seed only. */
    private FakeOpenAiServer.Reply answer(FakeOpenAiServer.Received r) {
        String text = policy.generate(List.of(new SampleRequest(r.body().get("prompt").asText(),
                r.body().get("seed").asLong())), SamplingSettings.greedy(1)).get(0).text();
        return FakeOpenAiServer.Reply.ok(FakeOpenAiServer.completion(text, "eos"));
    }

    private OpenAiCompletionsGenerator generator(int maxRetries, FakeOpenAiServer... servers) {
        return new OpenAiCompletionsGenerator(new OpenAiEndpoints(java.util.Arrays.stream(servers)
                .map(FakeOpenAiServer::baseUrl).toList(), null, "fake-arith", 2, maxRetries, Duration.ofMillis(5),
                Duration.ofSeconds(10)), log);
    }

    private PipelineOutputs run(OpenAiCompletionsGenerator generator, Path out, int batch) {
        try (generator) {
            return new PipelineRunner(generator, PipelineRecorder.NONE, List.of(), log)
                    .run(PipelineFixtures.config(out, JUDGE, batch));
        }
    }

    @Test
    void twoServersOneFailingHalfItsRequestsGiveTheRecordsOfOneHealthyServer(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("one-server");
        int referenceRequests;
        try (FakeOpenAiServer healthy = new FakeOpenAiServer(this::answer)) {
            run(generator(0, healthy), reference, 5);
            referenceRequests = healthy.received().size();
        }
        Path spread = tmp.resolve("two-servers");
        AtomicInteger flakyCalls = new AtomicInteger();
        try (FakeOpenAiServer healthy = new FakeOpenAiServer(this::answer);
             FakeOpenAiServer flaky = new FakeOpenAiServer(r -> switch (flakyCalls.incrementAndGet() % 4) {
                 case 1 -> FakeOpenAiServer.Reply.status(500);
                 case 3 -> FakeOpenAiServer.Reply.drop();
                 default -> answer(r);
             })) {
            PipelineOutputs o = run(generator(2, flaky, healthy), spread, 5);
            assertThat(o.summary().samples()).isEqualTo(48);

            assertThat(RunFolders.snapshot(spread)).isEqualTo(RunFolders.snapshot(reference));
            assertDistinct(spread.resolve(PipelineOutputs.SAMPLES), 48, "problem_id", "sample_index");
            int rectifications = PipelineRunnerTest.lines(reference.resolve(PipelineOutputs.RECTIFICATIONS)).size();
            assertThat(rectifications).isPositive();
            assertDistinct(spread.resolve(PipelineOutputs.RECTIFICATIONS), rectifications, "problem_id", "sample_index",
                    "continuation_index");

            // Both servers took part; each request was answered once, and every failed attempt was retried.
            JsonNode servers = JSON.readTree(spread.resolve(ServerTrafficLog.FILE).toFile());
            long served = 0;
            long failed = 0;
            for (String stage : List.of("sampling", "localization", "rectification")) {
                for (JsonNode s : servers.path(stage).path("policy")) {
                    served += s.get("served").asLong();
                    failed += s.get("failed").asLong();
                }
            }
            assertThat(served).isEqualTo(referenceRequests);
            assertThat(flaky.received().size() + healthy.received().size()).isEqualTo(served + failed);
            assertThat(failed).isEqualTo(flakyCalls.get() - flakyCalls.get() / 2).isPositive();
            JsonNode sampling = servers.path("sampling").path("policy");
            assertThat(sampling.get(0).get("base_url").asText()).isEqualTo(flaky.baseUrl());
            assertThat(sampling.get(0).get("served").asLong()).isPositive();
            assertThat(sampling.get(1).get("failed").asLong()).isZero();
        }
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("sampling: 48 policy requests over 2 server(s)")
                .containsPattern("server http://127\\.0\\.0\\.1:\\d+: (HTTP 500|java\\.io\\.IOException)");
    }

    @Test
    void aRunStoppedWhenItsOnlyServerFailedResumesOverTwoServersWithNothingLostOrRepeated(@TempDir Path tmp)
            throws Exception {
        Path reference = tmp.resolve("reference");
        try (FakeOpenAiServer healthy = new FakeOpenAiServer(this::answer)) {
            run(generator(0, healthy), reference, 5);
        }
        Path run = tmp.resolve("run");
        AtomicInteger calls = new AtomicInteger();
        try (FakeOpenAiServer dying = new FakeOpenAiServer(r -> calls.incrementAndGet() <= 20 ? answer(r)
                : FakeOpenAiServer.Reply.status(503));
             FakeOpenAiServer healthy = new FakeOpenAiServer(this::answer)) {
            assertThatThrownBy(() -> run(generator(1, dying), run, 5)).isInstanceOf(OpenAiException.class)
                    .hasMessageContaining(dying.baseUrl()).hasMessageContaining("HTTP 503");
            // Four whole batches of five were written before the server died.
            assertThat(PipelineRunnerTest.lines(run.resolve(PipelineOutputs.SAMPLES))).hasSize(20);

            run(generator(2, dying, healthy), run, 5);
            assertThat(logged.toString(StandardCharsets.UTF_8)).contains("sampling: resuming after 20 of 48 samples");
        }
        assertThat(RunFolders.snapshot(run)).isEqualTo(RunFolders.snapshot(reference));
        assertDistinct(run.resolve(PipelineOutputs.SAMPLES), 48, "problem_id", "sample_index");
    }

    @Test
    void theLlmJudgesServersAreNotPartOfTheRunSoItResumesOnOthersButNotWithAnotherModel(@TempDir Path tmp)
            throws Exception {
        Path run = tmp.resolve("run");
        FakeOpenAiServer.Handler judge = r -> FakeOpenAiServer.Reply.ok(FakeOpenAiServer.chat("All steps are correct."));
        try (FakeOpenAiServer policyServer = new FakeOpenAiServer(this::answer);
             FakeOpenAiServer judgeA = new FakeOpenAiServer(judge); FakeOpenAiServer judgeB = new FakeOpenAiServer(judge);
             FakeOpenAiServer judgeC = new FakeOpenAiServer(judge)) {
            PipelineOutputs first;
            String[] provenance = new String[1];
            PipelineRecorder recorder = new PipelineRecorder() {
                @Override
                public long start(PipelineConfig config, String configJson, String sourceModel, long resumedRecordId) {
                    provenance[0] = configJson;
                    return 1;
                }

                @Override
                public void samplesJudged(long recordId, List<org.stepdpo.reports.runs.SampleRecord> samples) {
                }

                @Override
                public void finished(long recordId, PipelineSummary summary) {
                }

                @Override
                public void failed(long recordId, String message) {
                }
            };
            try (OpenAiCompletionsGenerator g = generator(0, policyServer)) {
                first = new PipelineRunner(g, recorder, List.of(), log)
                        .run(PipelineFixtures.config(run, llm(List.of(judgeA, judgeB), "critic"), 8));
            }
            // The stored run's provenance names the servers asked, which the folder's identity leaves out.
            JsonNode settings = JSON.readTree(provenance[0]).path("settings");
            assertThat(settings.path("policy_servers").get(0).asText()).isEqualTo(policyServer.baseUrl());
            assertThat(settings.path("judge_servers")).extracting(JsonNode::asText)
                    .containsExactly(judgeA.baseUrl(), judgeB.baseUrl());
            assertThat(settings.path("judge").path("model").asText()).isEqualTo("critic");
            assertThat(first.summary().errors()).isPositive();
            assertThat(judgeA.received().size() + judgeB.received().size()).isEqualTo(first.summary().errors());
            assertThat(judgeA.received()).isNotEmpty();
            assertThat(judgeB.received()).isNotEmpty();
            assertThat(Files.readString(run.resolve(PipelineRunner.RUN_JSON))).doesNotContain(judgeA.baseUrl());
            JsonNode servers = JSON.readTree(run.resolve(ServerTrafficLog.FILE).toFile());
            assertThat(servers.at("/localization/judge/0/base_url").asText()).isEqualTo(judgeA.baseUrl());
            assertThat(servers.at("/localization/judge/1/base_url").asText()).isEqualTo(judgeB.baseUrl());

            // A folder written while the judge's URL was part of the identity is still this run's.
            Path runJson = run.resolve(PipelineRunner.RUN_JSON);
            com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode)
                    JSON.readTree(runJson.toFile());
            ((com.fasterxml.jackson.databind.node.ObjectNode) old.path("identity").path("judge"))
                    .put("base_url", judgeA.baseUrl());
            Files.writeString(runJson, old.toPrettyString());
            java.util.Map<String, String> before = RunFolders.snapshot(run);
            try (OpenAiCompletionsGenerator g = generator(0, policyServer)) {
                new PipelineRunner(g, PipelineRecorder.NONE, List.of(), log)
                        .run(PipelineFixtures.config(run, llm(List.of(judgeC), "critic"), 8));
                assertThat(RunFolders.snapshot(run)).isEqualTo(before);
                assertThatThrownBy(() -> new PipelineRunner(g, PipelineRecorder.NONE, List.of(), log)
                        .run(PipelineFixtures.config(run, llm(List.of(judgeC), "another-critic"), 8)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another configuration")
                        .hasMessageContaining("judge.model");
            }
        }
    }

    private static JudgeChoice llm(List<FakeOpenAiServer> servers, String model) {
        return new JudgeChoice.Llm(new OpenAiEndpoints(servers.stream().map(FakeOpenAiServer::baseUrl).toList(), null,
                model, 2, 0, Duration.ofMillis(5), Duration.ofSeconds(10)), false, 0, 256);
    }

    /** {@code file} has {@code expected} lines, no two with the same values of {@code key}. */
    private static void assertDistinct(Path file, int expected, String... key) throws Exception {
        List<String> lines = PipelineRunnerTest.lines(file);
        assertThat(lines).hasSize(expected);
        Set<List<String>> keys = new HashSet<>();
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            List<String> k = java.util.Arrays.stream(key).map(f -> n.get(f).asText()).toList();
            assertThat(keys.add(k)).as("%s: %s appears twice", file.getFileName(), k).isTrue();
        }
    }
}
