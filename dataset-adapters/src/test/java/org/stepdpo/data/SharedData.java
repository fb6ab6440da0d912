package org.stepdpo.data;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real benchmark files: the folder in system property {@code stepdpo.data.dir} (set by surefire from
 * STEPDPO_DATA_DIR), else {@code ../../shared/data} from the module folder. Tests needing a file that is
 * not there are skipped, saying why.
 */
final class SharedData {
    private static final Path FALLBACK = Path.of("..", "..", "shared", "data");

    private SharedData() {
    }

    static Path file(String relative) {
        Path dir = dir();
        Path file = dir.resolve(relative);
        assumeTrue(Files.isRegularFile(file), "benchmark file " + file.toAbsolutePath() + " is not there");
        return file;
    }

    private static Path dir() {
        String configured = System.getProperty("stepdpo.data.dir", "");
        // An unset STEPDPO_DATA_DIR reaches us as the literal "${env.STEPDPO_DATA_DIR}".
        if (!configured.isBlank() && !configured.contains("${")) {
            Path dir = Path.of(configured);
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        assumeTrue(Files.isDirectory(FALLBACK), "no benchmark data: stepdpo.data.dir is \"" + configured
                + "\" and " + FALLBACK.toAbsolutePath().normalize() + " does not exist");
        return FALLBACK;
    }
}
