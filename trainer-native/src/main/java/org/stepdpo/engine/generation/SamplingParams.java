package org.stepdpo.engine.generation;

import java.util.List;

/**
 * How to pick each next token.
 *
 * @param temperature   0 = greedy; otherwise logits are divided by it before sampling
 * @param topP          nucleus: keep the smallest set of most likely tokens whose mass reaches topP (1 = off)
 * @param topK          keep only the topK most likely tokens (0 = off)
 * @param maxNewTokens  generation stops after this many tokens
 * @param stop          generation stops when the text contains one of these (the text is cut before it)
 */
public record SamplingParams(double temperature, double topP, int topK, int maxNewTokens, List<String> stop) {

    public SamplingParams {
        stop = List.copyOf(stop);
        if (temperature < 0 || topP <= 0 || topP > 1 || topK < 0 || maxNewTokens < 1) {
            throw new IllegalArgumentException("invalid sampling parameters: temperature " + temperature + " (>= 0), top_p "
                    + topP + " (0, 1], top_k " + topK + " (>= 0), max_new_tokens " + maxNewTokens + " (>= 1)");
        }
    }

    public static SamplingParams greedy(int maxNewTokens) {
        return new SamplingParams(0, 1, 0, maxNewTokens, List.of());
    }

    public boolean isGreedy() {
        return temperature == 0;
    }

    public SamplingParams withStop(List<String> stopStrings) {
        return new SamplingParams(temperature, topP, topK, maxNewTokens, stopStrings);
    }
}
