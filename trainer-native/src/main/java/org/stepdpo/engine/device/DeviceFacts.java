package org.stepdpo.engine.device;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Facts about a device that reports show: its name and memory.
 *
 * <p>CUDA facts come from the CUDA presets ({@code org.bytedeco.cuda}), which are on the class path only
 * in the {@code cuda} Maven profile; they are reached reflectively so that CPU builds compile and run.
 *
 * @param device      the device as written in --device (cpu, cuda:0)
 * @param name        human-readable device name (CPU model or GPU name)
 * @param totalBytes  total memory of the device, or -1 when unknown
 * @param freeBytes   memory free now, or -1 when unknown
 */
public record DeviceFacts(String device, String name, long totalBytes, long freeBytes) {

    public static DeviceFacts of(ComputeDevice device) {
        return device.isCuda() ? cuda(device) : cpu();
    }

    static DeviceFacts cpu() {
        String model = "cpu";
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            model = lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(model);
        } catch (IOException | RuntimeException unreadable) {
            // Not Linux: the generic name stays.
        }
        model += " (" + Runtime.getRuntime().availableProcessors() + " logical cores)";
        return new DeviceFacts("cpu", model, meminfo("MemTotal:"), meminfo("MemAvailable:"));
    }

    private static long meminfo(String key) {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024L).orElse(-1L);
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    static DeviceFacts cuda(ComputeDevice device) {
        try {
            Class<?> cudart = Class.forName("org.bytedeco.cuda.global.cudart");
            Class<?> propClass = Class.forName("org.bytedeco.cuda.cudart.cudaDeviceProp");
            Object prop = propClass.getConstructor().newInstance();
            cudart.getMethod("cudaGetDeviceProperties", propClass, int.class).invoke(null, prop, device.index());
            Object namePointer = propClass.getMethod("name").invoke(prop);
            String name = (String) namePointer.getClass().getMethod("getString").invoke(namePointer);
            long total = ((Number) propClass.getMethod("totalGlobalMem").invoke(prop)).longValue();
            Class<?> sizeT = Class.forName("org.bytedeco.javacpp.SizeTPointer");
            Object free = sizeT.getConstructor(long.class).newInstance(1L);
            Object all = sizeT.getConstructor(long.class).newInstance(1L);
            cudart.getMethod("cudaSetDevice", int.class).invoke(null, device.index());
            cudart.getMethod("cudaMemGetInfo", sizeT, sizeT).invoke(null, free, all);
            Method get = sizeT.getMethod("get");
            return new DeviceFacts(device.toString(), name, total, ((Number) get.invoke(free)).longValue());
        } catch (ReflectiveOperationException | LinkageError absent) {
            return new DeviceFacts(device.toString(), "CUDA device " + device.index()
                    + " (CUDA presets absent: build with -Pcuda for name and memory)", -1, -1);
        }
    }

    /** Resident set size of this process in bytes (Linux), or -1: native memory included, unlike the heap. */
    public static long residentSetBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024L).orElse(-1L);
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }
}
