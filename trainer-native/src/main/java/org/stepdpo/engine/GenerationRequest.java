package org.stepdpo.engine;

/**
 * One prompt to continue. Continuing from a given prefix (rectification) is just a longer prompt.
 *
 * @param prompt text given to the tokenizer (with its special tokens, e.g. Llama's BOS)
 * @param seed   this request's sampling seed: the same seed gives the same text, in any batch
 */
public record GenerationRequest(String prompt, long seed) {
}
