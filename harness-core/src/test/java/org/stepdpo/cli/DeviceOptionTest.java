package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stepdpo.engine.device.NativeTorch;
import picocli.CommandLine;

class DeviceOptionTest {

    @CommandLine.Command(name = "x")
    static class Computes {
        @CommandLine.Mixin
        DeviceOption device;
    }

    @AfterEach
    void clear() {
        System.clearProperty(NativeTorch.THREADS_PROPERTY);
    }

    @Test
    void deviceDefaultsToAutoAndThreadsReachTheEngineSetting() {
        Computes c = new Computes();
        new CommandLine(c).parseArgs();
        assertThat(c.device.choice()).isEqualTo("auto");
        assertThat(System.getProperty(NativeTorch.THREADS_PROPERTY)).isNull();
        new CommandLine(new Computes()).parseArgs("--device", "cpu", "--threads", "1");
        assertThat(System.getProperty(NativeTorch.THREADS_PROPERTY)).isEqualTo("1");
        assertThatThrownBy(() -> new CommandLine(new Computes()).parseArgs("--threads", "0"))
                .hasMessageContaining("--threads must be at least 1, got 0");
    }
}
