package org.stepdpo.grading;

import java.time.Duration;
import java.util.Optional;
import org.stepdpo.data.Grade;

/**
 * Grades a completion against a reference answer: extraction of the final answer
 * ({@link AnswerExtractor}), then equivalence ({@link AnswerComparator}). This is the one entry point
 * the adapters use. Thread-safe; one instance can grade from many threads.
 */
public final class AnswerGrader {

    private final ExtractionOptions extraction;
    private final AnswerComparator comparator;

    public AnswerGrader(ExtractionOptions extraction) {
        this(extraction, AnswerComparator.DEFAULT_TIMEOUT);
    }

    /** @param timeout the most time one comparison may take; past it the verdict is "timeout", incorrect */
    public AnswerGrader(ExtractionOptions extraction, Duration timeout) {
        this.extraction = extraction;
        this.comparator = new AnswerComparator(timeout);
    }

    /** Extracts the completion's final answer and compares it with {@code referenceAnswer}. */
    public Grade grade(String completion, String referenceAnswer) {
        Optional<Extraction> found = AnswerExtractor.extract(completion, extraction);
        if (found.isEmpty()) {
            return new Grade(null, false, "no answer found");
        }
        Extraction e = found.get();
        AnswerComparator.Verdict verdict = comparator.compare(e.answer(), referenceAnswer);
        return new Grade(e.answer(), verdict.equivalent(), e.method().label() + ": " + verdict.reason());
    }

    public ExtractionOptions extractionOptions() {
        return extraction;
    }
}
