package org.stepdpo.engine;

import org.stepdpo.engine.generation.FinishReason;

/**
 * A generated continuation.
 *
 * @param text          decoded new text (cut before a stop string when one ended it)
 * @param tokenIds      the new tokens
 * @param finishReason  why it ended
 * @param promptTokens  length of the tokenized prompt
 */
public record Completion(String text, int[] tokenIds, FinishReason finishReason, int promptTokens) {
}
