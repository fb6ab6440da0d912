package org.stepdpo.engine.training;

import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.device.ComputeDevice;

/**
 * bf16 autocast around a forward pass on CUDA (fp32 master weights, bf16 matmuls), as torch.autocast does;
 * a no-op when off. Refused on the CPU, where bf16 matmuls are slow and untested here.
 */
final class Autocast implements AutoCloseable {

    private final boolean active;

    private Autocast(boolean active) {
        this.active = active;
        if (active) {
            torch.set_autocast_dtype(torch.DeviceType.CUDA, torch.ScalarType.BFloat16);
            torch.set_autocast_enabled(torch.DeviceType.CUDA, true);
        }
    }

    static void check(ComputeDevice device, boolean bf16) {
        if (bf16 && !device.isCuda()) {
            throw new IllegalArgumentException("bf16 autocast is offered on CUDA only; train in fp32 on " + device);
        }
    }

    static Autocast enter(ComputeDevice device, boolean bf16) {
        check(device, bf16);
        return new Autocast(bf16);
    }

    @Override
    public void close() {
        if (active) {
            torch.set_autocast_enabled(torch.DeviceType.CUDA, false);
            torch.clear_cache();
        }
    }
}
