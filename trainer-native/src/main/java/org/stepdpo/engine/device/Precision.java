package org.stepdpo.engine.device;

import java.util.Locale;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Parameter and activation precision: fp32 everywhere, bf16 on CUDA only. */
public enum Precision {
    FP32(ScalarType.Float, "float32"),
    BF16(ScalarType.BFloat16, "bfloat16");

    private final ScalarType scalarType;
    private final String huggingFaceName;

    Precision(ScalarType scalarType, String huggingFaceName) {
        this.scalarType = scalarType;
        this.huggingFaceName = huggingFaceName;
    }

    public ScalarType scalarType() {
        return scalarType;
    }

    /** The name config.json uses in {@code torch_dtype}. */
    public String huggingFaceName() {
        return huggingFaceName;
    }

    public static Precision parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "fp32", "float32", "f32" -> FP32;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new IllegalArgumentException("unknown precision '" + text + "': expected fp32 or bf16");
        };
    }

    /** Fails when the combination is not offered (bf16 matmuls on CPU are slow and untested here). */
    public void checkSupportedOn(ComputeDevice device) {
        if (this == BF16 && !device.isCuda()) {
            throw new IllegalArgumentException("bf16 is offered on CUDA only; use fp32 on " + device);
        }
    }

    /** fp32 on CPU, bf16 on CUDA. */
    public static Precision defaultFor(ComputeDevice device) {
        return device.isCuda() ? BF16 : FP32;
    }
}
