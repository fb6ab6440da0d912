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
                false, 0);
        String line = bar.render(250, 10.0);
        assertThat(line).startsWith("grading [#######.....................] 250/1000 (25%)");
        assertThat(line).contains("25.0 samples/s").contains("elapsed 0:00:10").contains("ETA 0:00:30");
    }

    @Test
    void unknownRateGivesUnknownEta() {
        ProgressBar bar = new ProgressBar("x", 10, "items", new PrintStream(new ByteArrayOutputStream()), false, 0);
        assertThat(bar.render(0, 0)).endsWith("ETA ?");
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
