package org.stepdpo.cli;

import picocli.CommandLine.Option;

/**
 * The one {@code --device} option of every command that computes: the same values and the same default everywhere.
 * {@code auto} takes the first CUDA device when this build and machine have one, else the CPU, which is what a user
 * with a GPU expects from {@code train} or {@code run} without being told. {@code regress} keeps its own option:
 * its baselines are exact only on the device they were written on.
 */
public class DeviceOption {

    @Option(names = "--device", defaultValue = "auto", paramLabel = "DEVICE",
            description = "cpu, cuda, cuda:N or auto: the first CUDA device if there is one, else the CPU "
                    + "(default: ${DEFAULT-VALUE})")
    String device;

    /**
     * {@code --threads N}: the engine's CPU threads (libtorch's intra-op pool), applied when the engine loads. On a
     * machine others share, fewer threads than cores keep a long job from fighting them (and being slowed 25 times).
     */
    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads of the engine (default: all cores, or $STEPDPO_THREADS)")
    void threads(int n) {
        if (n < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--threads must be at least 1, got " + n);
        }
        threads = n;
        System.setProperty(org.stepdpo.engine.device.NativeTorch.THREADS_PROPERTY, Integer.toString(n));
    }

    private Integer threads;

    /** {@code --threads} when given, else {@code fallback} (the benches measure at a fixed count by default). */
    public int threadsOr(int fallback) {
        return threads == null ? fallback : threads;
    }

    /** The choice as typed (or the default), for {@code DeviceChoice.parse} and {@code Provenance.device}. */
    public String choice() {
        return device;
    }
}
