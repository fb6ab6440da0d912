package org.stepdpo.metrics;

/**
 * One graded sample as every metric sees it (docs/METRICS.md). Each place that grades, stores or reads back
 * samples converts its own record to this one, and the numbers are computed once, by {@link Metrics}.
 *
 * @param problemKey      the problem's id: samples with the same key are one problem's samples
 * @param sampleIndex     0-based number among the problem's samples; the lowest is the problem's first sample
 *                        (with greedy decoding, its only one)
 * @param correct         whether the final answer is right (false when none was extracted)
 * @param steps           how many steps the answer was split into
 * @param judged          whether a step judge gave a verdict on at least one of its steps
 * @param firstErrorIndex 0-based index of the first step the judge found wrong, or null when it found none (or did
 *                        not judge the sample)
 * @param extractedAnswer the extracted final answer, or null when none was found
 */
public record ScoredSample(String problemKey, int sampleIndex, boolean correct, int steps, boolean judged,
                           Integer firstErrorIndex, String extractedAnswer) {

    public ScoredSample {
        if (problemKey == null || problemKey.isBlank()) {
            throw new IllegalArgumentException("a scored sample needs a problem key (sample index " + sampleIndex + ")");
        }
        String where = "problem " + problemKey + ", sample " + sampleIndex;
        if (sampleIndex < 0 || steps < 0) {
            throw new IllegalArgumentException(where + ": sample index and steps must not be negative; got steps " + steps);
        }
        if (firstErrorIndex != null && !judged) {
            throw new IllegalArgumentException(where + ": a first wrong step (" + firstErrorIndex + ") needs a judged sample");
        }
        if (firstErrorIndex != null && (firstErrorIndex < 0 || firstErrorIndex >= steps)) {
            throw new IllegalArgumentException(where + ": first wrong step index " + firstErrorIndex + " is not one of its "
                    + steps + " steps");
        }
    }

    /** 1-based position of the first wrong step, or null. */
    public Integer firstErrorPosition() {
        return firstErrorIndex == null ? null : firstErrorIndex + 1;
    }
}
