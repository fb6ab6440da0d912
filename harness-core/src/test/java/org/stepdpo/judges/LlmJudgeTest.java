package org.stepdpo.judges;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stepdpo.data.Problem;
import org.stepdpo.generation.FakeOpenAiServer;
import org.stepdpo.generation.OpenAiEndpoint;

/**
 * The LLM judge against a local server that speaks the protocol: it reads the numbered steps of the
 * request, checks each step's arithmetic, and answers in the format the problem asks for (numbered lines,
 * JSON, a markdown table, nonsense first, a 429 first).
 */
class LlmJudgeTest {

    private static final Pattern STEP = Pattern.compile("(?m)^Step (\\d+): (.*)$");
    private static final Pattern EQUATION = Pattern.compile("(\\d+)\\s*([-+*])\\s*(\\d+)\\s*=\\s*(\\d+)");

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private FakeOpenAiServer.Reply answer(FakeOpenAiServer.Received r) throws Exception {
        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        String user = r.body().get("messages").get(1).get("content").asText();
        String problem = user.substring(user.indexOf("Problem:\n") + 9, user.indexOf("\n", user.indexOf("Problem:\n") + 9));
        int call = calls.computeIfAbsent(problem, k -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(30);
        if (problem.contains("[429]") && call == 1) {
            return new FakeOpenAiServer.Reply(429, "{}", Map.of());
        }
        if (problem.contains("[garbage]") || (problem.contains("[garbage-once]") && call == 1)) {
            return FakeOpenAiServer.Reply.ok(FakeOpenAiServer.chat("Hmm, this looks plausible overall."));
        }
        List<String[]> verdicts = new ArrayList<>();
        Matcher m = STEP.matcher(user.substring(user.indexOf("Solution:")));
        while (m.find()) {
            Matcher e = EQUATION.matcher(m.group(2));
            boolean ok = e.find() && apply(e) == Long.parseLong(e.group(4));
            verdicts.add(new String[]{m.group(1), ok ? "correct" : "incorrect", ok ? "arithmetic checks" : "miscalculation"});
            if (!ok) {
                break;
            }
        }
        StringBuilder reply = new StringBuilder();
        if (problem.contains("[json]")) {
            reply.append("Here is my review:\n```json\n{\"steps\": [");
            for (int i = 0; i < verdicts.size(); i++) {
                reply.append(i > 0 ? ", " : "").append("{\"step\": ").append(verdicts.get(i)[0]).append(", \"verdict\": \"")
                        .append(verdicts.get(i)[1].toUpperCase()).append("\", \"reason\": \"").append(verdicts.get(i)[2]).append("\"}");
            }
            reply.append("]}\n```");
        } else if (problem.contains("[markdown]")) {
            reply.append("| Step | Verdict | Reason |\n|---|---|---|\n");
            verdicts.forEach(v -> reply.append("| ").append(v[0]).append(" | **").append(v[1]).append("** | ").append(v[2]).append(" |\n"));
        } else {
            verdicts.forEach(v -> reply.append("Step ").append(v[0]).append(": ").append(v[1]).append(" - ").append(v[2]).append('\n'));
        }
        if (verdicts.stream().noneMatch(v -> v[1].equals("incorrect"))) {
            reply.append("All steps are correct.");
        }
        return FakeOpenAiServer.Reply.ok(FakeOpenAiServer.chat(reply.toString()));
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

    private static JudgeInput input(String tag, String response) {
        Problem p = new Problem("p-" + tag, 0, "Ann has 3 apples " + tag + ". How many?", null, "42", Map.of());
        return JudgeInput.of(p, response, 1);
    }

    private static final String WRONG_AT_2 = "Let's think step by step.\nStep 1: 3 + 4 = 7.\nStep 2: 7 * 6 = 43.\nStep 3: 43 - 1 = 42.\nThe answer is: 42";
    private static final String RIGHT = "Let's think step by step.\nStep 1: 3 + 4 = 7.\nStep 2: 7 * 6 = 42.\nThe answer is: 42";

    @Test
    void findsTheFirstWrongStepWhateverTheReplyFormatRetryingA429AndAMalformedReply() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer(this::answer);
             LlmJudge judge = new LlmJudge(new OpenAiEndpoint(server.baseUrl(), "key", "judge-model", 2, 3,
                     Duration.ofMillis(5), Duration.ofSeconds(10)), true, 2, 512)) {
            List<JudgeInput> inputs = List.of(input("[lines]", WRONG_AT_2), input("[json]", WRONG_AT_2),
                    input("[markdown]", WRONG_AT_2), input("[429]", WRONG_AT_2), input("[garbage-once]", WRONG_AT_2),
                    input("[lines-right]", RIGHT), input("[json-right]", RIGHT));
            List<Judgement> out = judge.firstErrors(inputs);
            for (int i = 0; i < 5; i++) {
                assertThat(out.get(i).firstErrorIndex()).as(inputs.get(i).problem().question()).isEqualTo(1);
                assertThat(out.get(i).assessments()).extracting(StepAssessment::verdict)
                        .containsExactly(Verdict.CORRECT, Verdict.INCORRECT);
                assertThat(out.get(i).assessments().get(1).reason()).isEqualTo("miscalculation");
            }
            assertThat(out.get(5).decided()).isTrue();
            assertThat(out.get(5).hasError()).isFalse();
            assertThat(out.get(6).hasError()).isFalse();
            assertThat(out.get(6).assessments()).hasSize(2);
            assertThat(calls.get("Ann has 3 apples [429]. How many?").get()).isEqualTo(2);
            assertThat(calls.get("Ann has 3 apples [garbage-once]. How many?").get()).isEqualTo(2);
            assertThat(server.peakInFlight()).isLessThanOrEqualTo(2);
            FakeOpenAiServer.Received first = server.received().get(0);
            assertThat(first.authorization()).isEqualTo("Bearer key");
            assertThat(first.body().get("model").asText()).isEqualTo("judge-model");
            String user = first.body().get("messages").get(1).get("content").asText();
            assertThat(user).contains("correct", "neutral", "incorrect", "Stop at the first incorrect step",
                    "Reference answer: 42", "Step 1: 3 + 4 = 7.", "Step 3: 43 - 1 = 42.\nThe answer is: 42");
            assertThat(judge.name()).isEqualTo("llm(judge-model)");
        }
    }

    @Test
    void aJudgeThatNeverAnswersUsablyLeavesTheSolutionUndecided() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer(this::answer);
             LlmJudge judge = new LlmJudge(new OpenAiEndpoint(server.baseUrl(), null, "m", 1, 0, Duration.ofMillis(5),
                     Duration.ofSeconds(10)), false, 1, 256)) {
            Judgement j = judge.firstError(input("[garbage]", WRONG_AT_2));
            assertThat(j.decided()).isFalse();
            assertThat(j.hasError()).isFalse();
            assertThat(j.undecided()).contains("2 replies").contains("plausible");
            assertThat(server.received().get(0).authorization()).isNull();
            assertThat(server.received().get(0).body().get("messages").get(1).get("content").asText())
                    .doesNotContain("Reference answer");
        }
    }
}
