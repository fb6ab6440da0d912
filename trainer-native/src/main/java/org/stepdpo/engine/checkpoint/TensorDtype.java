package org.stepdpo.engine.checkpoint;

import java.util.Arrays;
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

    public static TensorDtype fromCode(String code, String tensorName) {
        return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst()
                .orElseThrow(() -> new CheckpointException("tensor '" + tensorName + "' has dtype " + code
                        + "; supported: F32, F16, BF16"));
    }

    public static TensorDtype of(ScalarType type) {
        return Arrays.stream(values()).filter(d -> d.scalarType.value == type.value).findFirst()
                .orElseThrow(() -> new CheckpointException("cannot store a tensor of type " + type + " in safetensors here"));
    }
}
