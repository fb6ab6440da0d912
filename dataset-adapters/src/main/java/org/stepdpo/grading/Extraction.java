package org.stepdpo.grading;

/**
 * A final answer found in a completion.
 *
 * @param answer the answer text as written (markers and surrounding math delimiters removed)
 * @param method the marker that found it
 * @param start  offset in the completion where the answer text starts
 */
public record Extraction(String answer, ExtractionMethod method, int start) {
}
