package org.stepdpo.data;

import org.stepdpo.grading.ExtractionOptions;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Any JSONL file of question/answer records. Options (in {@link LoadOptions#fields()}) name its fields:
 * {@value #QUESTION} (default "question"), {@value #ANSWER} (default "answer"; a string or a number),
 * {@value #ID} and {@value #SOLUTION} (both optional, unset by default). Every other string, number or
 * boolean field goes into the metadata; nested objects and arrays do not.
 */
public final class GenericJsonlAdapter extends JsonlDatasetAdapter {
    public static final String QUESTION = "question";
    public static final String ANSWER = "answer";
    public static final String ID = "id";
    public static final String SOLUTION = "solution";

    public GenericJsonlAdapter() {
        super(ExtractionOptions.markersOnly());
    }

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public String description() {
        return "any JSONL file; options question=, answer=, id=, solution= name its fields";
    }

    @Override
    protected Set<String> optionNames() {
        return Set.of(QUESTION, ANSWER, ID, SOLUTION);
    }

    @Override
    protected Problem toProblem(JsonRecord record, String idPrefix, LoadOptions options) {
        String questionField = options.field(QUESTION, "question");
        String answerField = options.field(ANSWER, "answer");
        String idField = options.fields().get(ID);
        String solutionField = options.fields().get(SOLUTION);
        String question = record.requireString(questionField);
        String answer = record.requireNumberOrString(answerField);
        String solution = solutionField == null ? null : record.optionalString(solutionField).orElse(null);
        Set<String> used = new HashSet<>();
        used.add(questionField);
        used.add(answerField);
        if (idField != null) {
            used.add(idField);
        }
        if (solutionField != null) {
            used.add(solutionField);
        }
        Map<String, String> metadata = new HashMap<>();
        for (String field : record.fieldNames()) {
            if (!used.contains(field)) {
                record.scalarText(field).ifPresent(value -> metadata.put(field, value));
            }
        }
        return new Problem(problemId(record, idField, idPrefix), record.row(), question, solution, answer, metadata);
    }
}
