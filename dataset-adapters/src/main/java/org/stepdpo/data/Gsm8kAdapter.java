package org.stepdpo.data;

import org.stepdpo.grading.ExtractionOptions;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * GSM8K (openai/grade-school-math): {@code question}, and {@code answer} = reasoning with
 * {@code <<48/2=24>>} calculator notes, then {@code #### 72}. The reference answer is the number after
 * {@code ####} without thousands commas; the reference solution is the answer text as written (a complete
 * solution, {@code ####} line included, so that {@code eval --reference} grades what the file says), and
 * metadata {@value #PLAIN_SOLUTION} holds it without the calculator notes. Grading falls back to the
 * last number of a completion, since GSM8K answers are plain numbers.
 */
public final class Gsm8kAdapter extends JsonlDatasetAdapter {
    public static final String PLAIN_SOLUTION = "plainSolution";

    private static final String MARKER = "####";
    private static final Pattern NUMBER = Pattern.compile("-?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?");
    private static final Pattern CALCULATOR_NOTE = Pattern.compile("<<[^<>]*>>");

    public Gsm8kAdapter() {
        super(ExtractionOptions.withLastNumberFallback());
    }

    @Override
    public String name() {
        return "gsm8k";
    }

    @Override
    public String description() {
        return "GSM8K grade-school math word problems (JSONL: question, answer ending in \"#### N\")";
    }

    @Override
    protected Problem toProblem(JsonRecord record, String idPrefix, LoadOptions options) {
        String question = record.requireString("question");
        String answer = record.requireString("answer");
        int marker = answer.lastIndexOf(MARKER);
        if (marker < 0) {
            throw record.error("answer", "has no \"#### <number>\" final answer");
        }
        String finalAnswer = answer.substring(marker + MARKER.length()).strip();
        if (!NUMBER.matcher(finalAnswer).matches()) {
            throw record.error("answer", "must end with \"#### <number>\", got \"#### " + finalAnswer + "\"");
        }
        String reasoning = answer.substring(0, marker).strip();
        Map<String, String> metadata = new HashMap<>();
        if (!reasoning.isEmpty()) {
            metadata.put(PLAIN_SOLUTION, CALCULATOR_NOTE.matcher(reasoning).replaceAll(""));
        }
        return new Problem(problemId(record, null, idPrefix), record.row(), question,
                answer.strip(), finalAnswer.replace(",", ""), metadata);
    }
}
