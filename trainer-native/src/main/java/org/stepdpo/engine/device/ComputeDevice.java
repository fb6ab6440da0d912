package org.stepdpo.engine.device;

import org.bytedeco.pytorch.Device;

/** A resolved device on which tensors live. */
public record ComputeDevice(Kind kind, int index) {

    public enum Kind { CPU, CUDA }

    public static ComputeDevice cpu() {
        return new ComputeDevice(Kind.CPU, 0);
    }

    public boolean isCuda() {
        return kind == Kind.CUDA;
    }

    /** A fresh libtorch device handle (callers own it; it is tiny). */
    public Device torchDevice() {
        NativeTorch.ensureLoaded();
        return new Device(toString());
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }
}
