package org.stepdpo.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The decoder families the engine reads. They share one layer (RMSNorm, RoPE attention with grouped KV heads,
 * SiLU-gated MLP) and differ in biases and in Qwen3's per-head q/k RMSNorm, which {@link ModelConfig} carries.
 */
public enum Architecture {
    /** Qwen2 / Qwen2.5 / DeepSeek-R1-Distill-Qwen: biases on q/k/v projections, none elsewhere. */
    QWEN2("qwen2", "Qwen2ForCausalLM"),
    /** Qwen3 dense: RMSNorm over each q and k head before RoPE; biases on q/k/v/o only when attention_bias. */
    QWEN3("qwen3", "Qwen3ForCausalLM"),
    /** Llama 2/3.x, DeepSeek-R1-Distill-Llama: no biases unless config.json says attention_bias / mlp_bias. */
    LLAMA("llama", "LlamaForCausalLM"),
    /** Mistral, Mathstral: Llama's layer without biases; a sliding_window, when given, applies to every layer. */
    MISTRAL("mistral", "MistralForCausalLM");

    private final String modelType;
    private final String huggingFaceClass;

    Architecture(String modelType, String huggingFaceClass) {
        this.modelType = modelType;
        this.huggingFaceClass = huggingFaceClass;
    }

    /** config.json's {@code model_type}. */
    public String modelType() {
        return modelType;
    }

    /** config.json's {@code architectures[0]}. */
    public String huggingFaceClass() {
        return huggingFaceClass;
    }

    /** Whether each attention layer normalises its q and k heads (q_norm / k_norm, weights [head_dim]). */
    public boolean hasQkNorm() {
        return this == QWEN3;
    }

    public static Architecture fromModelType(String modelType) {
        return Arrays.stream(values()).filter(a -> a.modelType.equals(modelType.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unsupported model_type '" + modelType
                        + "': this engine reads " + Arrays.stream(values()).map(Architecture::modelType)
                        .collect(Collectors.joining(", "))));
    }
}
