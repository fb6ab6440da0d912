package org.stepdpo.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stepdpo.data.Problem;
import org.stepdpo.data.arith.Chain;
import org.stepdpo.generation.GeneratedText;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.generation.Seeds;

/**
 * A deterministic stand-in for a small policy on the arith task, for tests: it continues any prefix of a
 * "step"-template answer, computing each remaining step from the running value and, with probability
 * {@code slipRate} per step (drawn from the request's seed), writing a result that is off by one. Later
 * steps build on what was written, so a slip makes the final answer wrong. Optionally slow.
 */
public final class FakeArithPolicy implements Generator {

    private static final Pattern QUESTION = Pattern.compile("Question: (.*?)\\nAnswer: ", Pattern.DOTALL);
    private static final Pattern MARKER = Pattern.compile("(?m)^Step (\\d+):");
    private static final Pattern RESULT = Pattern.compile("=\\s*(-?\\d+)\\.");

    private final Map<String, Chain> chains = new HashMap<>();
    private final double slipRate;
    private final long delayMillisPerRequest;

    public FakeArithPolicy(List<Problem> problems, double slipRate, long delayMillisPerRequest) {
        problems.forEach(p -> chains.put(p.question(), Chain.parse(p.metadata().get("chain"))));
        this.slipRate = slipRate;
        this.delayMillisPerRequest = delayMillisPerRequest;
    }

    @Override
    public String modelName() {
        return "fake-arith";
    }

    @Override
    public List<GeneratedText> generate(List<SampleRequest> requests, SamplingSettings sampling) {
        List<GeneratedText> out = new ArrayList<>(requests.size());
        for (SampleRequest r : requests) {
            if (delayMillisPerRequest > 0) {
                try {
                    Thread.sleep(delayMillisPerRequest);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            out.add(new GeneratedText(continue_(r.prompt(), r.seed()), "eos"));
        }
        return out;
    }

    private String continue_(String prompt, long seed) {
        Matcher q = QUESTION.matcher(prompt);
        if (!q.find()) {
            throw new IllegalArgumentException("not a step-template prompt: " + prompt);
        }
        Chain chain = chains.get(q.group(1));
        String answer = prompt.substring(q.end());
        int markers = 0;
        Matcher m = MARKER.matcher(answer);
        while (m.find()) {
            markers++;
        }
        boolean pendingMarker = answer.stripTrailing().matches("(?s).*Step \\d+:$");
        int next = pendingMarker ? markers - 1 : markers;
        long value = chain.start();
        Matcher results = RESULT.matcher(answer);
        while (results.find()) {
            value = Long.parseLong(results.group(1));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = next; i < chain.operations().size(); i++) {
            if (i > next || !pendingMarker) {
                sb.append("\nStep ").append(i + 1).append(':');
            }
            Chain.Operation op = chain.operations().get(i);
            long result = op.op().apply(value, op.operand());
            if (new Random(Seeds.derive(seed, "slip", i)).nextDouble() < slipRate) {
                result += 1;
            }
            sb.append(' ').append(Chain.equation(value, op.op(), op.operand(), result)).append('.');
            value = result;
        }
        sb.append("\nThe answer is: ").append(value);
        return sb.toString();
    }
}
