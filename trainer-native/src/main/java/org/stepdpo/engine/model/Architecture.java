package org.stepdpo.engine.model;

import java.util.Arrays;
import java.util.Locale;

/** The decoder families the engine reads: they differ only in which projections carry biases. */
public enum Architecture {
    /** Qwen2: biases on q/k/v projections, none elsewhere. */
    QWEN2("qwen2", "Qwen2ForCausalLM"),
    /** Llama: no biases unless config.json says attention_bias / mlp_bias. */
    LLAMA("llama", "LlamaForCausalLM");

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

    public static Architecture fromModelType(String modelType) {
        return Arrays.stream(values()).filter(a -> a.modelType.equals(modelType.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unsupported model_type '" + modelType
                        + "': this engine reads qwen2 and llama"));
    }
}
