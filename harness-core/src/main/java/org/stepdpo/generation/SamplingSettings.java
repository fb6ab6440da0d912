package org.stepdpo.generation;

import java.util.List;

/**
 * How completions are sampled, whatever the backend.
 *
 * @param temperature 0 = greedy; otherwise logits are divided by it before sampling
 * @param topP        nucleus mass in (0, 1]; 1 = off
 * @param topK        keep the topK most likely tokens; 0 = off
 * @param maxTokens   most new tokens per completion
 * @param stop        generation ends before the first of these strings (empty = only at end of sequence)
 */
public record SamplingSettings(double temperature, double topP, int topK, int maxTokens, List<String> stop) {

    public SamplingSettings {
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (!(temperature >= 0) || !(topP > 0 && topP <= 1) || topK < 0 || maxTokens < 1) {
            throw new IllegalArgumentException("invalid sampling settings: temperature " + temperature + " (>= 0), top_p "
                    + topP + " (0, 1], top_k " + topK + " (>= 0), max_tokens " + maxTokens + " (>= 1)");
        }
    }

    /** The paper's sampling for error collection and rectification: temperature 0.8, top-p 0.95. */
    public static SamplingSettings paper(int maxTokens) {
        return new SamplingSettings(0.8, 0.95, 0, maxTokens, List.of());
    }

    public static SamplingSettings greedy(int maxTokens) {
        return new SamplingSettings(0, 1, 0, maxTokens, List.of());
    }

    public SamplingSettings withMaxTokens(int tokens) {
        return new SamplingSettings(temperature, topP, topK, tokens, stop);
    }
}
