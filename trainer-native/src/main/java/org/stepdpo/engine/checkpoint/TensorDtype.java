package org.stepdpo.engine.checkpoint;

import java.util.Arrays;
import java.util.Optional;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** The safetensors dtypes the engine reads and writes, with their libtorch counterparts. */
public enum TensorDtype {
    F32("F32", ScalarType.Float, 4),
    F16("F16", ScalarType.Half, 2),
    BF16("BF16", ScalarType.BFloat16, 2);

    private final String code;
    private final ScalarType scalarType;
    private final int bytes;

    TensorDtype(String code, ScalarType scalarType, int bytes) {
        this.code = code;
        this.scalarType = scalarType;
        this.bytes = bytes;
    }

    public String code() {
        return code;
    }

    public ScalarType scalarType() {
        return scalarType;
    }

    public int bytesPerElement() {
        return bytes;
    }

    /** The dtype a safetensors header names, if the engine reads it. */
    public static Optional<TensorDtype> byCode(String code) {
        return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
    }

    public static TensorDtype of(ScalarType type) {
        return Arrays.stream(values()).filter(d -> d.scalarType.value == type.value).findFirst()
                .orElseThrow(() -> new CheckpointException("cannot store a tensor of type " + type + " in safetensors here"));
    }
}
