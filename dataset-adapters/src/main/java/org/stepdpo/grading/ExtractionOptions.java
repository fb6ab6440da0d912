package org.stepdpo.grading;

/**
 * How a final answer is found in a completion when it carries no explicit marker
 * ({@code \boxed{}}, "The answer is", {@code ####}); markers always come first.
 *
 * @param lastNumberFallback  take the last number in the text (GSM8K-style benchmarks want this)
 * @param lastFormulaFallback take the last math formula ({@code \(..\)}, {@code \[..\]}, {@code $..$}) unless
 *                            a number is written after it (MATH-style benchmarks, whose answers are
 *                            expressions: "the area is \(\frac{8\pi}{5}\) square units")
 */
public record ExtractionOptions(boolean lastNumberFallback, boolean lastFormulaFallback) {

    public ExtractionOptions(boolean lastNumberFallback) {
        this(lastNumberFallback, false);
    }

    /** Only explicit markers count; a completion without one has no answer. */
    public static ExtractionOptions markersOnly() {
        return new ExtractionOptions(false, false);
    }

    /** Markers first, then the last number in the text (benchmarks with numeric answers). */
    public static ExtractionOptions withLastNumberFallback() {
        return new ExtractionOptions(true, false);
    }

    /** Markers first, then the last formula or a number written after it (benchmarks with expression answers). */
    public static ExtractionOptions withLastFormulaFallback() {
        return new ExtractionOptions(true, true);
    }
}
