package org.stepdpo.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.stepdpo.reports.storage.StorageSettings;

/** The user's data folder (STEPDPO_HOME or its configured default): where commands put run folders and built models. */
final class DataFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private DataFolder() {
    }

    static Path home() {
        return StorageSettings.resolve(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class)
                .orElse(null)).home();
    }

    /** A new run folder, {@code runs/NAME-yyyyMMdd-HHmmss-SSS} (milliseconds, so runs started together do not share one). */
    static Path newRun(String name) {
        return home().resolve("runs").resolve(name + "-" + LocalDateTime.now().format(STAMP));
    }

    /** Where SFT models that a suite builds are cached. */
    static Path models() {
        return home().resolve("models");
    }
}
