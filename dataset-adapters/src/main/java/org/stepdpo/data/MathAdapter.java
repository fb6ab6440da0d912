package org.stepdpo.data;

import org.stepdpo.grading.AnswerExtractor;
import org.stepdpo.grading.ExtractionOptions;

import java.util.HashMap;
import java.util.Map;

/**
 * MATH (Hendrycks et al.): {@code problem}, {@code level} ("Level 3"), {@code type} (the subject),
 * {@code solution}, optional {@code idx}. The reference answer is the content of the last
 * {@code \boxed{}} or {@code \fbox{}} of the solution. Metadata: {@code level} ("3"), {@code subject}.
 */
public final class MathAdapter extends JsonlDatasetAdapter {

    public MathAdapter() {
        super(ExtractionOptions.withLastFormulaFallback());
    }

    @Override
    public String name() {
        return "math";
    }

    @Override
    public String description() {
        return "MATH competition problems (JSONL: problem, level, type, solution with \\boxed{answer}, idx)";
    }

    @Override
    protected Problem toProblem(JsonRecord record, String idPrefix, LoadOptions options) {
        String question = record.requireString("problem");
        String solution = record.requireString("solution");
        String answer = AnswerExtractor.lastBoxedContent(solution)
                .filter(boxed -> !boxed.isEmpty())
                .orElseThrow(() -> record.error("solution", "has no complete, non-empty \\boxed{...} answer"));
        Map<String, String> metadata = new HashMap<>();
        record.optionalNumberOrString("level").ifPresent(level -> metadata.put("level", MathLevels.normalize(level)));
        record.optionalString("type").ifPresent(type -> metadata.put("subject", type));
        return new Problem(problemId(record, "idx", idPrefix), record.row(), question, solution, answer, metadata);
    }
}
