package org.stepdpo.reports.runs;

/**
 * What a run ran on, as numbers a page can compare (the free-text {@link NewRun#device()} stays as it is).
 *
 * @param cpuName        processor model, e.g. "AMD EPYC 7763", or null
 * @param cpuCores       cores available to the process, or null
 * @param memoryBytes    main memory in bytes, or null
 * @param gpuName        accelerator name, e.g. "NVIDIA H100 80GB HBM3", or null on CPU
 * @param gpuMemoryBytes accelerator memory in bytes, or null
 */
public record DeviceFacts(String cpuName, Integer cpuCores, Long memoryBytes, String gpuName, Long gpuMemoryBytes) {

    public DeviceFacts {
        if (cpuCores != null && cpuCores < 1) {
            throw new IllegalArgumentException("cpuCores is " + cpuCores + "; expected at least 1");
        }
        if (memoryBytes != null && memoryBytes < 0 || gpuMemoryBytes != null && gpuMemoryBytes < 0) {
            throw new IllegalArgumentException("memory sizes must not be negative; got memoryBytes=" + memoryBytes
                    + ", gpuMemoryBytes=" + gpuMemoryBytes);
        }
    }
}
