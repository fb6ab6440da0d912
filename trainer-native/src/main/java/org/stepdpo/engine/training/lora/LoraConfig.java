package org.stepdpo.engine.training.lora;

import java.util.List;
import java.util.Set;

/**
 * Low-rank adapters (Hu et al. 2021): W x + (alpha / rank) · B A dropout(x), A [rank, in], B [out, rank].
 *
 * @param rank    r
 * @param alpha   scaling numerator (PEFT's lora_alpha)
 * @param dropout dropout on the adapter's input while training
 * @param targets projection names: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj
 */
public record LoraConfig(int rank, double alpha, double dropout, List<String> targets) {

    public static final Set<String> PROJECTIONS = Set.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
            "up_proj", "down_proj");
    public static final List<String> DEFAULT_TARGETS = List.of("q_proj", "k_proj", "v_proj", "o_proj");

    public LoraConfig {
        targets = List.copyOf(targets);
        if (rank < 1) {
            throw new IllegalArgumentException("LoRA rank must be at least 1, got " + rank);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("LoRA dropout must be in [0, 1), got " + dropout);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("LoRA needs at least one target projection");
        }
        for (String t : targets) {
            if (!PROJECTIONS.contains(t)) {
                throw new IllegalArgumentException("unknown LoRA target '" + t + "'; known: " + PROJECTIONS.stream().sorted().toList());
            }
        }
    }

    public double scaling() {
        return alpha / rank;
    }
}
