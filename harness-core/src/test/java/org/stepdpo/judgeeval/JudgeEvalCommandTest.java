package org.stepdpo.judgeeval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.generation.FakeOpenAiServer;

/**
 * {@code stepdpo judge-eval} with the LLM judge against a local OpenAI-compatible server: the stored runs' acc_err,
 * acc_ok and F1 (read back through {@code stepdpo report}) and summary.json must equal the scores this test computes
 * itself from the gold labels and the verdicts its server gave.
 */
@QuarkusMainTest
class JudgeEvalCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STEP = Pattern.compile("(?m)^Step (\\d+): (.*)$");
    private static final Pattern EQUATION = Pattern.compile("(\\d+)\\s*([-+*])\\s*(\\d+)\\s*=\\s*(\\d+)");
    private static final Pattern RUN = Pattern.compile("on (processbench-\\S+): .*; run (\\d+)");

    /**
     * Tiny items: the fake judge checks each step's "a op b = c"; a step without one is called incorrect. It runs on two
     * servers, one failing every other request: the scores are those of the rule, and the failures are retried.
     */
    @Test
    void scoresInlineItemsExactly(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.json");
        ArrayNode items = JSON.createArrayNode();
        items.add(item("t-0", "Ann has 2 apples and gets 3.", -1, true, "2 + 3 = 5", "So she has 5 apples."));
        items.add(item("t-1", "Bob has 4 pens and buys 4.", -1, true, "4 + 4 = 8", "4 * 1 = 4 is not needed; 8 - 0 = 8"));
        items.add(item("t-2", "Cid has 7 cards, loses 2.", 0, false, "7 - 2 = 6", "The answer is 6."));
        items.add(item("t-3", "Dee has 3 bags of 4.", 1, false, "3 * 4 = 12", "12 + 1 = 14", "The answer is 14."));
        // Wrong in a way the arithmetic check cannot see: the judge misses it.
        items.add(item("t-4", "Eve has 5 eggs, eats 2.", 0, false, "5 + 2 = 7", "7 + 0 = 7"));
        Files.writeString(file, items.toString());
        // What that rule finds: t-0's prose step 2 is called incorrect (a false alarm), t-1 is right, t-2 and t-3 are
        // named exactly, t-4's error is missed. So acc_err = 2/3 and acc_ok = 1/2.
        Map<String, Integer> predicted = Map.of("t-0", 1, "t-1", -1, "t-2", 0, "t-3", 1, "t-4", -1);

        java.util.concurrent.atomic.AtomicInteger flakyCalls = new java.util.concurrent.atomic.AtomicInteger();
        try (FakeOpenAiServer server = new FakeOpenAiServer(JudgeEvalCommandTest::arithmeticJudge);
             FakeOpenAiServer flaky = new FakeOpenAiServer(q -> flakyCalls.incrementAndGet() % 2 == 1
                     ? FakeOpenAiServer.Reply.status(500) : arithmeticJudge(q))) {
            LaunchResult r = launcher.launch("judge-eval", "--processbench", file.toString(), "--judge", "llm",
                    "--judge-url", flaky.baseUrl() + "," + server.baseUrl(), "--judge-model", "fake-critic",
                    "--out", dir.resolve("out").toString());
            assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
            assertThat(flakyCalls.get()).isPositive();
            assertThat(r.getOutput()).containsPattern("judge servers: \\d+ requests, [1-9]\\d* failed attempt\\(s\\) retried: "
                    + Pattern.quote(flaky.baseUrl()) + " \\d+ served, [1-9]\\d* failed; " + Pattern.quote(server.baseUrl())
                    + " \\d+ served, 0 failed");
            Map<String, Long> runs = runIds(r.getOutput());
            assertThat(runs).containsOnlyKeys("processbench-tiny");

            List<JsonNode> results = results(dir.resolve("out"));
            assertThat(results).extracting(n -> n.get("id").asText()).containsExactly("t-0", "t-1", "t-2", "t-3", "t-4");
            for (JsonNode n : results) {
                assertThat(n.get("predicted").asInt()).as(n.get("id").asText()).isEqualTo(predicted.get(n.get("id").asText()));
            }
            Scores expected = Scores.of(goldOf(items), predicted);
            assertThat(expected.accErr()).isEqualTo(2 / 3.0);
            assertThat(expected.accOk()).isEqualTo(0.5);
            assertStored(launcher, runs.get("processbench-tiny"), expected);
            JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
            assertThat(summary.at("/splits/tiny/f1").asDouble()).isCloseTo(expected.f1(), within(1e-12));
            assertThat(summary.at("/provenance/inputs/processbench-tiny/sha256").asText()).hasSize(64);
            assertThat(summary.at("/provenance/command/1").asText()).isEqualTo("judge-eval");

            // The judge's own words reach the run's steps (sample page, exports).
            LaunchResult md = launcher.launch("report", "--run", runs.get("processbench-tiny").toString(), "--format", "md");
            assertThat(md.getOutput()).contains("acc_err", "66.67% (2/3)", "50.00% (1/2)");
        }
    }

    /**
     * Real ProcessBench items (12 of each split, spread over the file): the server answers from a plan the test makes — the
     * gold step, "all correct", step 2, or a reply that never parses — in two reply formats.
     */
    @Test
    void scoresRealProcessBenchItems(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        Path data = dataDir().resolve("processbench");
        Assumptions.assumeTrue(Files.isRegularFile(data.resolve("gsm8k.json")) && Files.isRegularFile(data.resolve("math.json")),
                "ProcessBench not found under " + data.toAbsolutePath() + " (set STEPDPO_DATA_DIR)");
        int limit = 12;
        Map<String, Integer> plan = new HashMap<>();      // prompt key -> planned prediction (null: unreadable reply)
        Map<String, Map<String, Integer>> gold = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> planned = new LinkedHashMap<>();
        for (String split : List.of("gsm8k", "math")) {
            JsonNode all = JSON.readTree(data.resolve(split + ".json").toFile());
            Map<String, Integer> g = new LinkedHashMap<>();
            Map<String, Integer> p = new HashMap<>();
            for (int i = 0; i < limit; i++) {
                // --limit spreads its items evenly over the file, which lists the erroneous solutions first.
                JsonNode it = all.get(i * all.size() / limit);
                int label = it.get("label").asInt();
                int steps = it.get("steps").size();
                Integer prediction = switch (i % 4) {
                    case 0 -> label;
                    case 1 -> -1;
                    case 2 -> Math.min(1, steps - 1);
                    default -> i == 3 ? null : label;
                };
                g.put(it.get("id").asText(), label);
                p.put(it.get("id").asText(), prediction);
                String key = key(it.get("problem").asText(), it.get("steps").get(0).asText().strip());
                assertThat(plan.containsKey(key)).as("two items with the same prompt start: " + key).isFalse();
                plan.put(key, prediction == null ? -2 : prediction);
            }
            gold.put(split, g);
            planned.put(split, p);
        }

        try (FakeOpenAiServer server = new FakeOpenAiServer(req -> plannedJudge(req, plan))) {
            LaunchResult r = launcher.launch("judge-eval", "--processbench", data.resolve("gsm8k.json").toString(),
                    data.resolve("math.json").toString(), "--limit", String.valueOf(limit), "--judge", "llm",
                    "--judge-url", server.baseUrl(), "--judge-model", "planned-critic", "--out", dir.toString());
            assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
            Map<String, Long> runs = runIds(r.getOutput());
            assertThat(runs).containsOnlyKeys("processbench-gsm8k", "processbench-math");
            double f1Sum = 0;
            for (String split : gold.keySet()) {
                Scores expected = Scores.of(gold.get(split), planned.get(split));
                assertStored(launcher, runs.get("processbench-" + split), expected);
                f1Sum += expected.f1();
            }
            JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
            assertThat(summary.get("mean_f1").asDouble()).isCloseTo(f1Sum / 2, within(1e-12));
            List<JsonNode> results = results(dir);
            assertThat(results).hasSize(2 * limit);
            assertThat(results.stream().filter(n -> n.get("predicted").isNull()).map(n -> n.get("id").asText()))
                    .hasSize(2).allMatch(id -> planned.get(id.substring(0, id.indexOf('-'))).get(id) == null);
            assertThat(results.stream().filter(n -> n.get("predicted").isNull()).findFirst().orElseThrow()
                    .get("undecided").asText()).contains("no usable verdicts");
            assertThat(results.stream().filter(n -> n.get("label").asInt() == -1)).as("correct items among the 12").isNotEmpty();
        }
    }

    @Test
    void theVerifierCannotJudgeProcessBench(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("one.json");
        Files.writeString(file, JSON.createArrayNode().add(item("x", "q", -1, true, "1 + 1 = 2")).toString());
        LaunchResult r = launcher.launch("judge-eval", "--processbench", file.toString(), "--judge", "verifier");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("--judge llm or --judge rollout");
        LaunchResult rollout = launcher.launch("judge-eval", "--processbench", file.toString(), "--judge", "rollout");
        assertThat(rollout.exitCode()).isEqualTo(2);
        assertThat(rollout.getErrorOutput()).contains("--answers FILE --adapter NAME");
    }

    /** acc_err, acc_ok and F1 as ProcessBench defines them; a null prediction (no verdict) matches nothing. */
    record Scores(double accErr, double accOk, double f1) {
        static Scores of(Map<String, Integer> gold, Map<String, Integer> predicted) {
            int err = 0, errHit = 0, ok = 0, okHit = 0;
            for (var e : gold.entrySet()) {
                Integer p = predicted.get(e.getKey());
                boolean hit = p != null && p.intValue() == e.getValue();
                if (e.getValue() >= 0) {
                    err++;
                    errHit += hit ? 1 : 0;
                } else {
                    ok++;
                    okHit += hit ? 1 : 0;
                }
            }
            double a = errHit / (double) err;
            double b = okHit / (double) ok;
            return new Scores(a, b, a + b == 0 ? 0 : 2 * a * b / (a + b));
        }
    }

    private static void assertStored(QuarkusMainLauncher launcher, long runId, Scores expected) throws Exception {
        LaunchResult report = launcher.launch("report", "--run", String.valueOf(runId), "--format", "json");
        assertThat(report.exitCode()).as(report.getErrorOutput()).isZero();
        JsonNode stored = JSON.readTree(report.getOutput());
        assertThat(stored.at("/run/kind").asText()).isEqualTo("JUDGE");
        JsonNode judge = stored.at("/metrics/judge");
        assertThat(judge.get("accErr").asDouble()).as("acc_err of run " + runId).isCloseTo(expected.accErr(), within(1e-12));
        assertThat(judge.get("accOk").asDouble()).as("acc_ok of run " + runId).isCloseTo(expected.accOk(), within(1e-12));
        assertThat(judge.get("f1").asDouble()).as("F1 of run " + runId).isCloseTo(expected.f1(), within(1e-12));
    }

    private static FakeOpenAiServer.Reply arithmeticJudge(FakeOpenAiServer.Received r) {
        String user = r.body().get("messages").get(1).get("content").asText();
        StringBuilder reply = new StringBuilder();
        Matcher m = STEP.matcher(user.substring(user.indexOf("Solution:")));
        boolean allRight = true;
        while (m.find()) {
            Matcher e = EQUATION.matcher(m.group(2));
            boolean ok = e.find() && apply(e) == Long.parseLong(e.group(4));
            reply.append("Step ").append(m.group(1)).append(ok ? ": correct - checks out\n" : ": incorrect - does not add up\n");
            if (!ok) {
                allRight = false;
                break;
            }
        }
        if (allRight) {
            reply.append("All steps are correct.");
        }
        return FakeOpenAiServer.Reply.ok(FakeOpenAiServer.chat(reply.toString()));
    }

    private static FakeOpenAiServer.Reply plannedJudge(FakeOpenAiServer.Received r, Map<String, Integer> plan) {
        String user = r.body().get("messages").get(1).get("content").asText();
        String problem = user.substring(user.indexOf("Problem:\n") + 9, user.indexOf("\n\nSolution:\n"));
        String solution = user.substring(user.indexOf("\n\nSolution:\n") + 12);
        String firstStep = solution.substring("Step 1: ".length());
        Integer prediction = null;
        for (var e : plan.entrySet()) {
            if (e.getKey().equals(key(problem, firstStep))) {
                prediction = e.getValue();
            }
        }
        if (prediction == null) {
            return FakeOpenAiServer.Reply.status(500);
        }
        if (prediction == -2) {
            return FakeOpenAiServer.Reply.ok(FakeOpenAiServer.chat("I would need more context to review this."));
        }
        if (prediction >= 0 && problem.length() % 2 == 0) {
            return FakeOpenAiServer.Reply.ok(FakeOpenAiServer.chat("```json\n{\"first_incorrect_step\": " + (prediction + 1)
                    + ", \"reason\": \"planned\"}\n```"));
        }
        StringBuilder reply = new StringBuilder();
        int steps = 0;
        Matcher m = STEP.matcher(solution);
        while (m.find()) {
            steps = Math.max(steps, Integer.parseInt(m.group(1)));
        }
        int last = prediction >= 0 ? prediction + 1 : steps;
        for (int i = 1; i <= last; i++) {
            reply.append("Step ").append(i).append(i == prediction + 1 ? ": incorrect - planned\n" : ": correct - fine\n");
        }
        if (prediction < 0) {
            reply.append("All steps are correct.");
        }
        return FakeOpenAiServer.Reply.ok(FakeOpenAiServer.chat(reply.toString()));
    }

    /** What identifies an item in a judge prompt: its problem and the start of its first step. */
    private static String key(String problem, String firstStep) {
        String start = firstStep.length() > 60 ? firstStep.substring(0, 60) : firstStep;
        return problem.strip() + "\u0000" + start.lines().findFirst().orElse("");
    }

    private static long apply(Matcher e) {
        long a = Long.parseLong(e.group(1));
        long b = Long.parseLong(e.group(3));
        return switch (e.group(2)) {
            case "+" -> a + b;
            case "-" -> a - b;
            default -> a * b;
        };
    }

    private static ObjectNode item(String id, String problem, int label, boolean finalAnswerCorrect, String... steps) {
        ObjectNode n = JSON.createObjectNode().put("id", id).put("generator", "hand").put("problem", problem);
        ArrayNode s = n.putArray("steps");
        for (String step : steps) {
            s.add(step);
        }
        return n.put("final_answer_correct", finalAnswerCorrect).put("label", label);
    }

    private static Map<String, Integer> goldOf(ArrayNode items) {
        Map<String, Integer> gold = new LinkedHashMap<>();
        items.forEach(n -> gold.put(n.get("id").asText(), n.get("label").asInt()));
        return gold;
    }

    private static Map<String, Long> runIds(String output) {
        Map<String, Long> runs = new LinkedHashMap<>();
        Matcher m = RUN.matcher(output);
        while (m.find()) {
            runs.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return runs;
    }

    private static List<JsonNode> results(Path out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("results.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    static Path dataDir() {
        String configured = System.getProperty("stepdpo.data.dir");
        if (configured != null && !configured.isBlank() && !configured.contains("${")) {
            return Path.of(configured);
        }
        return Path.of("../../shared/data");
    }
}
