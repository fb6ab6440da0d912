package org.stepdpo.generation;

import java.util.Objects;

/**
 * A sampled continuation.
 *
 * @param text         the new text only (never the prompt), cut before a stop string
 * @param finishReason why it ended, in the backend's words: {@code stop}, {@code length}, {@code eos}...
 */
public record GeneratedText(String text, String finishReason) {
    public GeneratedText {
        Objects.requireNonNull(text, "text");
        finishReason = finishReason == null ? "unknown" : finishReason;
    }
}
