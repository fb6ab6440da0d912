package org.stepdpo.generation;

import java.util.Objects;

/**
 * One completion to sample.
 *
 * @param prompt the whole text the model continues (template, question and any answer prefix)
 * @param seed   this completion's sampling seed: the same prompt, seed and settings give the same text,
 *               whatever the batch, which is what makes redone work after a crash identical
 */
public record SampleRequest(String prompt, long seed) {
    public SampleRequest {
        Objects.requireNonNull(prompt, "prompt");
    }
}
