package org.stepdpo.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The completions backend against a local server: request shape, seeds, order, retries, limits. */
class OpenAiCompletionsGeneratorTest {

    private static OpenAiEndpoint endpoint(FakeOpenAiServer server, int concurrency, int retries) {
        return new OpenAiEndpoint(server.baseUrl(), "sk-test", "tiny", concurrency, retries, Duration.ofMillis(5),
                Duration.ofSeconds(10));
    }

    @Test
    void sendsPromptSamplingAndSeedAndReturnsCompletionsInRequestOrder() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer(r -> {
                    Thread.sleep(r.body().get("seed").asLong() % 3 * 20); // answers arrive out of order
                    return FakeOpenAiServer.Reply.ok(FakeOpenAiServer.completion(
                            r.body().get("prompt").asText() + "|" + r.body().get("seed").asLong(), "stop"));
                });
             OpenAiCompletionsGenerator g = new OpenAiCompletionsGenerator(endpoint(server, 3, 0))) {
            List<SampleRequest> requests = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                requests.add(new SampleRequest("p" + i, 100 + i));
            }
            List<GeneratedText> out = g.generate(requests,
                    new SamplingSettings(0.8, 0.95, 20, 64, List.of("\n\n")));
            assertThat(out).extracting(GeneratedText::text)
                    .containsExactly("p0|100", "p1|101", "p2|102", "p3|103", "p4|104", "p5|105", "p6|106");
            assertThat(out.get(0).finishReason()).isEqualTo("stop");
            FakeOpenAiServer.Received first = server.received().get(0);
            assertThat(first.path()).isEqualTo("/v1/completions");
            assertThat(first.authorization()).isEqualTo("Bearer sk-test");
            assertThat(first.body().get("model").asText()).isEqualTo("tiny");
            assertThat(first.body().get("temperature").asDouble()).isEqualTo(0.8);
            assertThat(first.body().get("top_p").asDouble()).isEqualTo(0.95);
            assertThat(first.body().get("top_k").asInt()).isEqualTo(20);
            assertThat(first.body().get("max_tokens").asInt()).isEqualTo(64);
            assertThat(first.body().get("stop").get(0).asText()).isEqualTo("\n\n");
            assertThat(server.peakInFlight()).isBetween(1, 3);
            assertThat(g.modelName()).isEqualTo("tiny");
        }
    }

    @Test
    void retriesA429ThenSucceedsAndRetries500sWithBackOff() throws Exception {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        try (FakeOpenAiServer server = new FakeOpenAiServer(r -> {
                    String prompt = r.body().get("prompt").asText();
                    int n = attempts.computeIfAbsent(prompt, k -> new AtomicInteger()).incrementAndGet();
                    if (prompt.equals("rate-limited") && n == 1) {
                        return new FakeOpenAiServer.Reply(429, "{\"error\":\"slow down\"}", Map.of("Retry-After", "0.05"));
                    }
                    if (prompt.equals("flaky") && n <= 3) {
                        return FakeOpenAiServer.Reply.status(n == 2 ? 502 : 500);
                    }
                    return FakeOpenAiServer.Reply.ok(FakeOpenAiServer.completion("ok " + prompt, "length"));
                });
             OpenAiCompletionsGenerator g = new OpenAiCompletionsGenerator(endpoint(server, 2, 4))) {
            long t0 = System.nanoTime();
            List<GeneratedText> out = g.generate(List.of(new SampleRequest("rate-limited", 1),
                    new SampleRequest("flaky", 2), new SampleRequest("fine", 3)), SamplingSettings.greedy(8));
            assertThat(out).extracting(GeneratedText::text).containsExactly("ok rate-limited", "ok flaky", "ok fine");
            assertThat(attempts.get("rate-limited").get()).isEqualTo(2);
            assertThat(attempts.get("flaky").get()).isEqualTo(4);
            assertThat(attempts.get("fine").get()).isEqualTo(1);
            // Retry-After 50 ms for the 429; 5 + 10 + 20 ms of back-off for the three 5xx.
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(35));
        }
    }

    @Test
    void givesUpAfterTheRetriesAndDoesNotRetryAClientError() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (FakeOpenAiServer server = new FakeOpenAiServer(r -> {
                    calls.incrementAndGet();
                    return FakeOpenAiServer.Reply.status(r.body().get("prompt").asText().equals("bad") ? 400 : 503);
                });
             OpenAiCompletionsGenerator g = new OpenAiCompletionsGenerator(endpoint(server, 1, 2))) {
            assertThatThrownBy(() -> g.generate(List.of(new SampleRequest("down", 1)), SamplingSettings.greedy(8)))
                    .isInstanceOf(OpenAiException.class)
                    .hasMessageContaining("/v1/completions").hasMessageContaining("after 3 attempt(s)")
                    .hasMessageContaining("HTTP 503");
            assertThat(calls.get()).isEqualTo(3);
            calls.set(0);
            assertThatThrownBy(() -> g.generate(List.of(new SampleRequest("bad", 1)), SamplingSettings.greedy(8)))
                    .isInstanceOf(OpenAiException.class).hasMessageContaining("HTTP 400");
            assertThat(calls.get()).isEqualTo(1);
        }
    }

    @Test
    void aBaseUrlWithOrWithoutV1ReachesTheSameEndpoint() {
        assertThat(OpenAiEndpoint.of("http://h:8000", null, "m").resolve("completions").toString())
                .isEqualTo("http://h:8000/v1/completions");
        assertThat(OpenAiEndpoint.of("https://api.example.com/v1/", null, "m").resolve("chat/completions").toString())
                .isEqualTo("https://api.example.com/v1/chat/completions");
        assertThat(OpenAiEndpoint.of("http://h:8000", "secret", "m").toString()).doesNotContain("secret");
    }

    private static OpenAiEndpoints servers(int concurrency, int retries, FakeOpenAiServer... servers) {
        return new OpenAiEndpoints(java.util.Arrays.stream(servers).map(FakeOpenAiServer::baseUrl).toList(), null, "tiny",
                concurrency, retries, Duration.ofMillis(20), Duration.ofSeconds(10));
    }

    private static FakeOpenAiServer.Reply echo(FakeOpenAiServer.Received r) {
        return FakeOpenAiServer.Reply.ok(FakeOpenAiServer.completion(
                r.body().get("prompt").asText() + "|" + r.body().get("seed").asLong(), "stop"));
    }

    private static List<SampleRequest> requests(int n) {
        List<SampleRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(new SampleRequest("p" + i, 100 + i));
        }
        return requests;
    }

    private static List<String> echoed(int n) {
        return requests(n).stream().map(r -> r.prompt() + "|" + r.seed()).toList();
    }

    @Test
    void requestsAreSpreadOverTheServersWithinEachOnesConcurrency() throws Exception {
        FakeOpenAiServer.Handler slowEcho = r -> {
            Thread.sleep(30);
            return echo(r);
        };
        try (FakeOpenAiServer a = new FakeOpenAiServer(slowEcho); FakeOpenAiServer b = new FakeOpenAiServer(slowEcho);
             OpenAiCompletionsGenerator g = new OpenAiCompletionsGenerator(servers(2, 0, a, b))) {
            List<GeneratedText> out = g.generate(requests(12), SamplingSettings.greedy(8));
            assertThat(out).extracting(GeneratedText::text).containsExactlyElementsOf(echoed(12));
            assertThat(a.received().size() + b.received().size()).isEqualTo(12);
            assertThat(a.received()).hasSizeBetween(4, 8);
            assertThat(a.peakInFlight()).isBetween(1, 2);
            assertThat(b.peakInFlight()).isBetween(1, 2);
            assertThat(g.traffic().served()).isEqualTo(12);
            assertThat(g.traffic().failed()).isZero();
        }
    }

    @Test
    void aServerThatFailsOrDropsTheConnectionIsRetriedElsewhereWithTheSameResults() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        try (FakeOpenAiServer flaky = new FakeOpenAiServer(r -> switch (calls.incrementAndGet() % 4) {
                    case 1 -> FakeOpenAiServer.Reply.status(500);
                    case 3 -> FakeOpenAiServer.Reply.drop();
                    default -> echo(r);
                });
             FakeOpenAiServer healthy = new FakeOpenAiServer(OpenAiCompletionsGeneratorTest::echo);
             OpenAiCompletionsGenerator g = new OpenAiCompletionsGenerator(servers(3, 0, flaky, healthy),
                     new PrintStream(logged, true, StandardCharsets.UTF_8))) {
            List<GeneratedText> out = g.generate(requests(30), SamplingSettings.greedy(8));
            assertThat(out).extracting(GeneratedText::text).containsExactlyElementsOf(echoed(30));
            EndpointTraffic t = g.traffic();
            assertThat(t.served()).isEqualTo(30);
            assertThat(t.servers().get(0).failed()).isPositive().isEqualTo(calls.get() - t.servers().get(0).served());
            assertThat(t.servers().get(1).failed()).isZero();
            assertThat(logged.toString(StandardCharsets.UTF_8)).contains("server " + flaky.baseUrl() + ": ");
        }
    }

    @Test
    void whenEveryServerFailsTheErrorNamesEachWithItsLastAnswer() throws Exception {
        try (FakeOpenAiServer down = new FakeOpenAiServer(r -> FakeOpenAiServer.Reply.status(503));
             FakeOpenAiServer dropping = new FakeOpenAiServer(r -> FakeOpenAiServer.Reply.drop());
             OpenAiCompletionsGenerator g = new OpenAiCompletionsGenerator(servers(1, 2, down, dropping),
                     new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            assertThatThrownBy(() -> g.generate(requests(1), SamplingSettings.greedy(8)))
                    .isInstanceOf(OpenAiException.class)
                    .hasMessageContaining("failed after 4 attempt(s) on all 2 servers")
                    .hasMessageContaining(down.baseUrl() + "/v1/completions: HTTP 503")
                    .hasMessageContaining(dropping.baseUrl() + "/v1/completions: java.io."); // no answer: an IOException
            assertThat(down.received().size() + dropping.received().size()).isEqualTo(4);
        }
    }

    @Test
    void anUnreachableServerIsLeftOutAndTheOtherAnswersEverything() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (FakeOpenAiServer healthy = new FakeOpenAiServer(r -> {
                    Thread.sleep(20);
                    return echo(r);
                });
             OpenAiCompletionsGenerator g = new OpenAiCompletionsGenerator(new OpenAiEndpoints(
                     List.of("http://127.0.0.1:" + closedPort, healthy.baseUrl()), null, "tiny", 2, 0,
                     Duration.ofSeconds(30), Duration.ofSeconds(10)),
                     new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            List<GeneratedText> out = g.generate(requests(10), SamplingSettings.greedy(8));
            assertThat(out).extracting(GeneratedText::text).containsExactlyElementsOf(echoed(10));
            assertThat(healthy.received()).hasSize(10);
            // Four workers for two servers of concurrency 2: the one left takes no more than its two.
            assertThat(healthy.peakInFlight()).isBetween(1, 2);
            // At most the requests sent before the first refusal came back tried the closed port.
            assertThat(g.traffic().servers().get(0).failed()).isBetween(1L, 2L);
        }
    }
}
