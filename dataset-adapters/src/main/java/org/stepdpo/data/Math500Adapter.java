package org.stepdpo.data;

import org.stepdpo.grading.ExtractionOptions;

import java.util.HashMap;
import java.util.Map;

/**
 * MATH-500 (the PRM800K test subset of MATH): {@code problem}, {@code solution}, {@code answer},
 * {@code subject}, {@code level}, {@code unique_id} (e.g. {@code test/algebra/2584.json}, used as the id).
 */
public final class Math500Adapter extends JsonlDatasetAdapter {

    public Math500Adapter() {
        super(ExtractionOptions.withLastFormulaFallback());
    }

    @Override
    public String name() {
        return "math500";
    }

    @Override
    public String description() {
        return "MATH-500 subset of MATH (JSONL: problem, solution, answer, subject, level, unique_id)";
    }

    @Override
    protected Problem toProblem(JsonRecord record, String idPrefix, LoadOptions options) {
        String id = record.requireString("unique_id");
        String question = record.requireString("problem");
        String answer = record.requireNumberOrString("answer");
        Map<String, String> metadata = new HashMap<>();
        record.optionalNumberOrString("level").ifPresent(level -> metadata.put("level", MathLevels.normalize(level)));
        record.optionalString("subject").ifPresent(subject -> metadata.put("subject", subject));
        return new Problem(id, record.row(), question, record.optionalString("solution").orElse(null), answer,
                metadata);
    }
}
