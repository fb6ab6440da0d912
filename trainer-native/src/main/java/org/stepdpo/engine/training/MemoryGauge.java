package org.stepdpo.engine.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.DeviceFacts;

/**
 * Peak memory for the metrics: on the CPU the process's peak resident set (VmHWM, native memory included);
 * on CUDA the most device memory seen in use (total − free after each step; the caching allocator's own
 * statistics are not exposed by the presets).
 */
final class MemoryGauge {

    private final ComputeDevice device;
    private long peakBytes;

    MemoryGauge(ComputeDevice device) {
        this.device = device;
    }

    double peakMb() {
        long now;
        if (device.isCuda()) {
            DeviceFacts facts = DeviceFacts.of(device);
            now = facts.totalBytes() >= 0 && facts.freeBytes() >= 0 ? facts.totalBytes() - facts.freeBytes() : -1;
        } else {
            now = processPeakBytes();
        }
        peakBytes = Math.max(peakBytes, now);
        return peakBytes / 1048576.0;
    }

    /** VmHWM of /proc/self/status, or the current resident set where that is missing. */
    static long processPeakBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024L)
                    .orElseGet(DeviceFacts::residentSetBytes);
        } catch (IOException | RuntimeException unreadable) {
            return DeviceFacts.residentSetBytes();
        }
    }
}
