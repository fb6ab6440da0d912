package org.stepdpo.grading;

/**
 * How a final answer is found in a completion.
 *
 * @param lastNumberFallback when no explicit answer marker (\boxed{}, "The answer is", ####) is present,
 *                           take the last number in the text (GSM8K-style benchmarks want this)
 */
public record ExtractionOptions(boolean lastNumberFallback) {
    public static ExtractionOptions markersOnly() {
        return new ExtractionOptions(false);
    }

    public static ExtractionOptions withLastNumberFallback() {
        return new ExtractionOptions(true);
    }
}
