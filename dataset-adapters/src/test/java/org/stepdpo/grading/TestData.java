package org.stepdpo.grading;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the benchmark data folder for tests, or skips the test saying why. */
final class TestData {

    private TestData() {
    }

    /**
     * System property {@code stepdpo.data.dir} (set by surefire from STEPDPO_DATA_DIR), else
     * {@code ../../shared/data} relative to the module directory; skips the calling test when neither exists.
     */
    static Path dir() {
        String configured = System.getProperty("stepdpo.data.dir");
        if (configured != null && !configured.isBlank() && !configured.startsWith("${")) {
            Path p = Path.of(configured);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Path fallback = Path.of("../../shared/data").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(fallback),
                "benchmark data not found: set STEPDPO_DATA_DIR (or -Dstepdpo.data.dir) or provide " + fallback);
        return fallback;
    }

    static Path require(Path dir, String relative) {
        Path p = dir.resolve(relative);
        assumeTrue(Files.exists(p), "benchmark file missing: " + p);
        return p;
    }
}
