package org.stepdpo.engine.device;

import java.util.Locale;
import org.bytedeco.pytorch.global.torch;

/** What the user asked for with {@code --device}: cpu, cuda (or cuda:N), or auto (CUDA when present). */
public record DeviceChoice(String requested) {

    public static final DeviceChoice CPU = new DeviceChoice("cpu");
    public static final DeviceChoice AUTO = new DeviceChoice("auto");

    public DeviceChoice {
        requested = requested.toLowerCase(Locale.ROOT).strip();
        if (!requested.equals("cpu") && !requested.equals("auto") && !requested.matches("cuda(:\\d+)?")) {
            throw new IllegalArgumentException("unknown device '" + requested + "': expected cpu, cuda, cuda:N or auto");
        }
    }

    public static DeviceChoice parse(String text) {
        return new DeviceChoice(text);
    }

    /** Resolves the choice against the hardware; asking for CUDA without CUDA is an error, not a fallback. */
    public ComputeDevice resolve() {
        if (requested.equals("cpu")) {
            return ComputeDevice.cpu();
        }
        NativeTorch.ensureLoaded();
        boolean cuda = torch.cuda_is_available();
        if (requested.equals("auto")) {
            return cuda ? new ComputeDevice(ComputeDevice.Kind.CUDA, 0) : ComputeDevice.cpu();
        }
        int index = requested.contains(":") ? Integer.parseInt(requested.substring(5)) : 0;
        if (!cuda) {
            throw new IllegalStateException("device " + requested + " requested but CUDA is not available "
                    + "(build with -Pcuda for the GPU natives, and check the driver)");
        }
        int count = torch.cuda_device_count();
        if (index >= count) {
            throw new IllegalStateException("device " + requested + " requested but only " + count + " CUDA device(s) exist");
        }
        return new ComputeDevice(ComputeDevice.Kind.CUDA, index);
    }
}
