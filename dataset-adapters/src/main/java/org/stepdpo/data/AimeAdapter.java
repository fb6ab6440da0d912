package org.stepdpo.data;

import org.stepdpo.grading.ExtractionOptions;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AIME, in the two shapes the public harnesses share: 2024 ({@code id}, {@code problem}, {@code solution},
 * {@code answer}, {@code url}) and 2025 ({@code problem}, {@code answer}). Answers are integers 0-999,
 * written as strings ("025") or numbers; the reference answer is the integer without leading zeros.
 */
public final class AimeAdapter extends JsonlDatasetAdapter {
    private static final Pattern INTEGER = Pattern.compile("\\d{1,3}");

    public AimeAdapter() {
        super(ExtractionOptions.withLastNumberFallback());
    }

    @Override
    public String name() {
        return "aime";
    }

    @Override
    public String description() {
        return "AIME problems, integer answers 0-999 (JSONL: problem, answer, optional id, solution, url)";
    }

    @Override
    protected Problem toProblem(JsonRecord record, String idPrefix, LoadOptions options) {
        String question = record.requireString("problem");
        String answer = record.requireNumberOrString("answer");
        if (!INTEGER.matcher(answer).matches()) {
            throw record.error("answer", "must be an integer from 0 to 999, got \"" + answer + "\"");
        }
        Map<String, String> metadata = new HashMap<>();
        record.optionalString("url").ifPresent(url -> metadata.put("url", url));
        return new Problem(problemId(record, "id", idPrefix), record.row(), question,
                record.optionalString("solution").orElse(null), String.valueOf(Integer.parseInt(answer)), metadata);
    }
}
