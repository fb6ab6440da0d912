package org.stepdpo.grading;

import org.stepdpo.data.Grade;

/**
 * Grades a completion against a reference answer: extraction of the final answer, then equivalence.
 * This is the one entry point the adapters use.
 */
public final class AnswerGrader {

    private final ExtractionOptions extraction;

    public AnswerGrader(ExtractionOptions extraction) {
        this.extraction = extraction;
    }

    /** Extracts the completion's final answer and compares it with {@code referenceAnswer}. */
    public Grade grade(String completion, String referenceAnswer) {
        String extracted = completion == null ? null : completion.strip();
        if (extracted == null || extracted.isEmpty()) {
            return new Grade(null, false, "no answer found");
        }
        boolean correct = extracted.equals(referenceAnswer.strip());
        return new Grade(extracted, correct, correct ? "exact match" : "different");
    }
}
