package org.stepdpo.data;

import org.stepdpo.grading.ExtractionOptions;

import java.util.HashMap;
import java.util.Map;

/**
 * AMC (as shared by the public math-evaluation harnesses): {@code id}, {@code problem}, {@code answer} as a
 * JSON number such as {@code 27.0}, optional {@code solution} and {@code url}. Whole numbers become "27"; others keep their
 * decimal form ("2.5").
 */
public final class AmcAdapter extends JsonlDatasetAdapter {

    public AmcAdapter() {
        super(ExtractionOptions.withLastNumberFallback());
    }

    @Override
    public String name() {
        return "amc";
    }

    @Override
    public String description() {
        return "AMC problems with numeric answers (JSONL: id, problem, answer, optional solution, url)";
    }

    @Override
    protected Problem toProblem(JsonRecord record, String idPrefix, LoadOptions options) {
        String question = record.requireString("problem");
        String answer = record.requireNumberOrString("answer");
        Map<String, String> metadata = new HashMap<>();
        record.optionalString("url").ifPresent(url -> metadata.put("url", url));
        return new Problem(problemId(record, "id", idPrefix), record.row(), question,
                record.optionalString("solution").orElse(null), answer, metadata);
    }
}
