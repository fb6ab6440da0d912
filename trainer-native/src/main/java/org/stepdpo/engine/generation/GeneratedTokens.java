package org.stepdpo.engine.generation;

/**
 * One request's output at the token level.
 *
 * @param tokens new tokens (without the EOS that ended them)
 * @param reason why generation stopped
 */
public record GeneratedTokens(int[] tokens, FinishReason reason) {
}
