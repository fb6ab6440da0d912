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

    /** The choice as typed (or the default), for {@code DeviceChoice.parse} and {@code Provenance.device}. */
    public String choice() {
        return device;
    }
}
