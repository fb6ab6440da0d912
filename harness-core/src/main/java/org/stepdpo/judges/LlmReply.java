package org.stepdpo.judges;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an LLM judge's reply says about the steps, read leniently: numbered lines ("Step 2: incorrect -
 * ..."), markdown ("**Step 2** — Incorrect", table rows "| 2 | incorrect | ... |", bullets), or JSON
 * (an array of {step, verdict, reason}, an object holding such an array, an object mapping step to
 * verdict, or {"first_incorrect_step": n}), with or without a code fence. Step numbers are 1-based.
 *
 * @param verdicts       the verdict per step number, in the order of first mention
 * @param saysAllCorrect the reply states that no step is wrong
 */
public record LlmReply(Map<Integer, StepVerdictText> verdicts, boolean saysAllCorrect) {

    /** A verdict on step {@code number} (1-based) with the judge's reason. */
    public record StepVerdictText(int number, Verdict verdict, String reason) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*?)```", Pattern.DOTALL);
    private static final Pattern NUMBERED = Pattern.compile("(?i)^(?:step|paragraph)?\\s*(\\d{1,3})\\b(.*)$");
    private static final Pattern VERDICT = Pattern.compile(
            "(?i)\\b(incorrect|not correct|wrong|erroneous|error|correct|right|neutral)\\b");
    private static final Pattern ALL_CORRECT = Pattern.compile(
            "(?i)\\b(all (?:the )?(?:\\w+ )?steps (?:are|were) (?:correct|right)|all correct|no (?:incorrect|wrong) steps?|every step is correct)\\b");

    public LlmReply {
        verdicts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
    }

    public boolean isEmpty() {
        return verdicts.isEmpty() && !saysAllCorrect;
    }

    /** Reads a reply; never fails — a reply that says nothing usable comes back {@link #isEmpty()}. */
    public static LlmReply parse(String reply) {
        if (reply == null) {
            return new LlmReply(Map.of(), false);
        }
        Matcher fence = FENCE.matcher(reply);
        List<String> candidates = new ArrayList<>();
        while (fence.find()) {
            candidates.add(fence.group(1));
        }
        candidates.add(reply);
        for (String candidate : candidates) {
            Optional<LlmReply> json = fromJson(candidate);
            if (json.isPresent() && !json.get().isEmpty()) {
                return json.get();
            }
        }
        return fromLines(reply);
    }

    private static LlmReply fromLines(String reply) {
        Map<Integer, StepVerdictText> verdicts = new LinkedHashMap<>();
        for (String raw : reply.split("\\R")) {
            // Markdown decoration off: emphasis, headings, bullets, table pipes, quotes.
            // (single '*' stays: it is also multiplication inside reasons).
            String line = raw.replace("**", " ").replace("__", " ").replace("`", " ")
                    .replaceAll("^[\\s#>|\\-•*]+", "").strip();
            Matcher m = NUMBERED.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String rest = m.group(2);
            Matcher v = VERDICT.matcher(rest);
            if (!v.find()) {
                continue;
            }
            // The verdict must come first on the line, not inside the reason of an unlabelled line.
            String before = rest.substring(0, v.start()).replaceAll("(?i)verdict|label|is|[\\s:.)|\\-–—(\\[\\]=]", "");
            if (!before.isEmpty()) {
                continue;
            }
            int number = Integer.parseInt(m.group(1));
            String reason = rest.substring(v.end()).replaceAll("^[\\s:.)|\\-–—,;]+", "").replaceAll("[\\s|]+$", "");
            verdicts.putIfAbsent(number, new StepVerdictText(number, verdictOf(v.group(1)), reason));
        }
        return new LlmReply(verdicts, ALL_CORRECT.matcher(reply).find());
    }

    private static Optional<LlmReply> fromJson(String text) {
        int start = firstOf(text, '{', '[');
        if (start < 0) {
            return Optional.empty();
        }
        int end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
        if (end <= start) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text.substring(start, end + 1));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        Map<Integer, StepVerdictText> verdicts = new LinkedHashMap<>();
        boolean allCorrect = false;
        JsonNode list = node.isArray() ? node : firstField(node, "steps", "verdicts", "judgements", "judgments", "labels");
        if (list != null && list.isArray()) {
            int position = 1;
            for (JsonNode item : list) {
                addJsonItem(verdicts, item, position++);
            }
        } else if (node.isObject()) {
            JsonNode first = firstField(node, "first_incorrect_step", "first_error_step", "first_error", "first_wrong_step");
            if (first != null) {
                String digits = first.isNull() ? "" : first.asText().strip();
                if (digits.isEmpty() || digits.startsWith("-") || !digits.matches("\\d{1,3}") || Integer.parseInt(digits) == 0) {
                    allCorrect = first.isNull() || digits.startsWith("-") || digits.equals("0")
                            || digits.equalsIgnoreCase("none");
                } else {
                    int n = Integer.parseInt(digits);
                    verdicts.put(n, new StepVerdictText(n, Verdict.INCORRECT, text(node, "reason", "explanation")));
                }
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Matcher m = Pattern.compile("(?i)^(?:step\\s*)?(\\d{1,3})$").matcher(e.getKey().strip());
                    if (m.matches()) {
                        JsonNode value = e.getValue();
                        String verdictText = value.isTextual() ? value.asText() : text(value, "verdict", "label", "judgement", "status");
                        Matcher v = VERDICT.matcher(verdictText == null ? "" : verdictText);
                        if (v.find()) {
                            int n = Integer.parseInt(m.group(1));
                            verdicts.putIfAbsent(n, new StepVerdictText(n, verdictOf(v.group(1)),
                                    value.isObject() ? text(value, "reason", "explanation") : ""));
                        }
                    }
                }
            }
        }
        return Optional.of(new LlmReply(verdicts, allCorrect));
    }

    private static void addJsonItem(Map<Integer, StepVerdictText> verdicts, JsonNode item, int position) {
        String verdictText;
        int number = position;
        String reason = "";
        if (item.isTextual()) {
            verdictText = item.asText();
        } else if (item.isObject()) {
            verdictText = text(item, "verdict", "label", "judgement", "judgment", "status", "correctness");
            JsonNode n = firstField(item, "step", "index", "id", "number", "step_number");
            if (n != null) {
                String digits = n.asText().replaceAll("\\D", "");
                if (!digits.isEmpty() && digits.length() <= 3) {
                    number = Integer.parseInt(digits);
                }
            }
            reason = text(item, "reason", "explanation", "comment", "rationale");
        } else {
            return;
        }
        Matcher v = VERDICT.matcher(verdictText == null ? "" : verdictText);
        if (v.find()) {
            verdicts.putIfAbsent(number, new StepVerdictText(number, verdictOf(v.group(1)), reason == null ? "" : reason));
        }
    }

    private static Verdict verdictOf(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "correct", "right" -> Verdict.CORRECT;
            case "neutral" -> Verdict.NEUTRAL;
            default -> Verdict.INCORRECT;
        };
    }

    private static JsonNode firstField(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String... names) {
        JsonNode v = firstField(node, names);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static int firstOf(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
