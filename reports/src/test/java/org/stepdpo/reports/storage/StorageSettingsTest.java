package org.stepdpo.reports.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StorageSettingsTest {

    private static StorageSettings resolve(Map<String, String> config) {
        return StorageSettings.resolve(config::get);
    }

    @Test
    void stepdpoHomeComesFirst() {
        StorageSettings s = resolve(Map.of("stepdpo.home", "/data/sd", "XDG_DATA_HOME", "/xdg", "user.home", "/home/u"));
        assertThat(s.home()).isEqualTo(Path.of("/data/sd"));
        assertThat(s.h2Url()).isEqualTo("jdbc:h2:file:/data/sd/db/stepdpo;AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(s.database()).isEqualTo(StorageSettings.Database.H2);
    }

    @Test
    void thenXdgDataHome() {
        assertThat(resolve(Map.of("XDG_DATA_HOME", "/xdg", "user.home", "/home/u")).home()).isEqualTo(Path.of("/xdg/stepdpo"));
    }

    @Test
    void thenTheUsersLocalShare() {
        assertThat(resolve(Map.of("stepdpo.home", " ", "user.home", "/home/u")).home())
                .isEqualTo(Path.of("/home/u/.local/share/stepdpo"));
    }

    @Test
    void relativeHomeBecomesAbsolute() {
        Path home = resolve(Map.of("stepdpo.home", "target/x")).home();
        assertThat(home.isAbsolute()).isTrue();
        assertThat(home.toString()).endsWith("target/x");
    }

    @Test
    void postgresqlBySetting() {
        StorageSettings s = resolve(Map.of("stepdpo.db", "PostgreSQL", "user.home", "/home/u"));
        assertThat(s.database()).isEqualTo(StorageSettings.Database.POSTGRESQL);
        assertThat(StorageConfigSourceFactory.derivedProperties(s))
                .containsEntry("stepdpo.storage.postgresql-active", "true")
                .containsEntry("stepdpo.storage.h2-active", "false");
        assertThat(StorageConfigSourceFactory.derivedProperties(resolve(Map.of("user.home", "/h"))))
                .containsEntry("stepdpo.storage.postgresql-active", "false")
                .containsEntry("stepdpo.storage.h2-active", "true")
                .containsEntry("stepdpo.storage.h2-url", "jdbc:h2:file:/h/.local/share/stepdpo/db/stepdpo;AUTO_SERVER=TRUE;WRITE_DELAY=0");
    }

    @Test
    void unknownDatabaseIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> resolve(Map.of("stepdpo.db", "mysql", "user.home", "/h")))
                .hasMessageContaining("'mysql'").hasMessageContaining("'h2' or 'postgresql'");
    }

    @Test
    void aSemicolonInThePathIsRefused() {
        assertThatThrownBy(() -> resolve(Map.of("stepdpo.home", "/a;b")).h2Url()).hasMessageContaining("';'");
    }
}
