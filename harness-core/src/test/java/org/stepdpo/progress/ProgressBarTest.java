package org.stepdpo.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void rendersCountRateAndEta() {
        ProgressBar bar = new ProgressBar("grading", 1000, "samples", new PrintStream(new ByteArrayOutputStream()),
                false, 0, () -> 0.5, 2);
        String line = bar.render(250, 10.0);
        assertThat(line).startsWith("grading [#######.....................] 250/1000 (25%)");
        assertThat(line).contains("25.0 samples/s").contains("elapsed 0:00:10").contains("ETA 0:00:30");
    }

    @Test
    void unknownRateGivesUnknownEta() {
        ProgressBar bar = new ProgressBar("x", 10, "items", new PrintStream(new ByteArrayOutputStream()), false, 0,
                () -> -1, 2);
        assertThat(bar.render(0, 0)).endsWith("ETA ?");
    }

    @Test
    void aSlowerRateIsShownAgainstTheFirstMinutesAndABusyMachineIsNamed() {
        double[] load = {1.0};
        ProgressBar bar = new ProgressBar("sft", 1000, "steps", new PrintStream(new ByteArrayOutputStream()), false, 0,
                () -> load[0], 2);
        assertThat(bar.render(180, 60.0)).doesNotContain("first minute").doesNotContain("busy"); // 3.0 steps/s
        assertThat(bar.render(240, 120.0)).contains("2.0 steps/s").contains("; first minute 3.0 steps/s");
        load[0] = 6.7;
        assertThat(bar.render(250, 150.0)).endsWith("; first minute 3.0 steps/s; machine busy: load 6.7 on 2 cores");
    }

    @Test
    void nonInteractiveOutputIsPlainLinesAndEndsAtTotal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressBar bar = new ProgressBar("x", 3, "items", new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false, 60_000)) {
            bar.step();
            bar.step();
            bar.step();
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\r");
        assertThat(out.lines().reduce((a, b) -> b).orElseThrow()).contains("3/3 (100%)");
    }

    @Test
    void clockFormatsHoursMinutesSeconds() {
        assertThat(ProgressBar.clock(3725)).isEqualTo("1:02:05");
    }
}
