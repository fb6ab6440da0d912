package org.stepdpo.judges;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.stepdpo.generation.EndpointTraffic;
import org.stepdpo.generation.OpenAiClient;
import org.stepdpo.generation.OpenAiEndpoint;
import org.stepdpo.generation.OpenAiEndpoints;
import org.stepdpo.generation.OpenAiException;

/**
 * A chat model as step judge, over any OpenAI-compatible {@code /v1/chat/completions} endpoint (GPT-4o,
 * a local vLLM...). The paper's protocol: the model marks each step correct, neutral or incorrect and
 * stops at the first incorrect one. Replies are read leniently ({@link LlmReply}); a reply that says
 * nothing usable is asked again, up to {@code parseRetries} times, then the solution stays undecided.
 * HTTP retries (429, 5xx), the concurrency limit and the spreading over several servers are the
 * {@link OpenAiClient}'s.
 */
public final class LlmJudge implements StepJudge {

    static final String SYSTEM = "You are a meticulous mathematics teacher who checks solutions step by step.";

    private final OpenAiClient client;
    private final boolean showReferenceAnswer;
    private final int parseRetries;
    private final int maxTokens;

    /**
     * @param showReferenceAnswer give the judge the reference answer (the paper's GPT-4o had it; ProcessBench does not)
     * @param parseRetries        how often to ask again after a reply without usable verdicts
     * @param maxTokens           longest reply
     */
    public LlmJudge(OpenAiEndpoint endpoint, boolean showReferenceAnswer, int parseRetries, int maxTokens) {
        this(OpenAiEndpoints.of(endpoint), showReferenceAnswer, parseRetries, maxTokens);
    }

    /** The same over one or more servers of the judge model. */
    public LlmJudge(OpenAiEndpoints endpoints, boolean showReferenceAnswer, int parseRetries, int maxTokens) {
        this.client = new OpenAiClient(endpoints);
        this.showReferenceAnswer = showReferenceAnswer;
        this.parseRetries = parseRetries;
        this.maxTokens = maxTokens;
    }

    @Override
    public String name() {
        return "llm(" + client.model() + ")";
    }

    @Override
    public EndpointTraffic traffic() {
        return client.traffic();
    }

    @Override
    public Judgement firstError(JudgeInput input) {
        if (input.steps().isEmpty()) {
            return Judgement.undecided("the solution has no steps");
        }
        String prompt = prompt(input);
        String lastReply = "";
        for (int attempt = 0; attempt <= parseRetries; attempt++) {
            lastReply = ask(prompt, input.seed() + attempt);
            Judgement j = interpret(LlmReply.parse(lastReply), input.steps().size());
            if (j != null) {
                return j;
            }
        }
        return Judgement.undecided("no usable verdicts in " + (parseRetries + 1) + " replies; last: "
                + abbreviate(lastReply));
    }

    @Override
    public List<Judgement> firstErrors(List<JudgeInput> inputs) {
        return client.forEachConcurrently(inputs, this::firstError);
    }

    /** The user message: instructions, problem, optional reference answer, numbered steps. */
    String prompt(JudgeInput input) {
        StringBuilder p = new StringBuilder();
        p.append("Below are a math problem and a step-by-step solution. Review the steps in order and label each one:\n")
                .append("- correct: the step is right and moves towards the answer;\n")
                .append("- neutral: the step is harmless but does not help (for example, it restates the problem);\n")
                .append("- incorrect: the step makes an error in calculation, logic, or the use of the problem's facts.\n")
                .append("Stop at the first incorrect step; do not review the steps after it.\n")
                .append("Answer with one line per reviewed step, in the form \"Step i: correct|neutral|incorrect - reason\". ")
                .append("If every step is correct, end with the line \"All steps are correct.\"\n\n")
                .append("Problem:\n").append(input.problem().question().strip()).append("\n\n");
        if (showReferenceAnswer && !input.problem().referenceAnswer().isBlank()) {
            p.append("Reference answer: ").append(input.problem().referenceAnswer()).append("\n\n");
        }
        p.append("Solution:\n");
        for (int i = 0; i < input.steps().size(); i++) {
            p.append("Step ").append(i + 1).append(": ").append(input.steps().get(i).body()).append('\n');
        }
        return p.toString();
    }

    private String ask(String prompt, long seed) {
        ObjectNode body = client.json().createObjectNode();
        body.put("model", client.model());
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content", prompt);
        body.put("temperature", 0);
        body.put("max_tokens", maxTokens);
        body.put("seed", seed);
        OpenAiClient.Answer answer = client.post("chat/completions", body);
        JsonNode content = answer.json().path("choices").path(0).path("message").get("content");
        if (content == null || !content.isTextual()) {
            throw new OpenAiException(answer.from() + " answered without choices[0].message.content: "
                    + abbreviate(answer.json().toString()), 200, null);
        }
        return content.textValue();
    }

    /** The judgement a reply gives for {@code n} steps, or null when it gives none. */
    static Judgement interpret(LlmReply reply, int n) {
        List<LlmReply.StepVerdictText> inRange = reply.verdicts().values().stream()
                .filter(v -> v.number() >= 1 && v.number() <= n)
                .sorted(java.util.Comparator.comparingInt(LlmReply.StepVerdictText::number))
                .toList();
        List<StepAssessment> assessments = new ArrayList<>();
        for (LlmReply.StepVerdictText v : inRange) {
            assessments.add(new StepAssessment(v.number() - 1, v.verdict(), v.reason()));
            if (v.verdict() == Verdict.INCORRECT) {
                return Judgement.firstErrorAt(v.number() - 1, assessments);
            }
        }
        if (reply.saysAllCorrect() || inRange.size() == n) {
            return Judgement.allCorrect(assessments);
        }
        return null;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 197) + "...";
    }

    @Override
    public void close() {
        client.close();
    }
}
