package org.stepdpo.reports.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.stepdpo.reports.storage.StorageSettings;

import io.quarkus.test.junit.QuarkusTest;

/** {@link RunStoreContract} on the embedded H2 default (a file database under target/stepdpo-test-home). */
@QuarkusTest
class RunStoreTest extends RunStoreContract {

    @Override
    StorageSettings.Database expectedDatabase() {
        return StorageSettings.Database.H2;
    }

    @Test
    void theDatabaseFileIsCreatedUnderTheConfiguredHome() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.\"h2\".jdbc.url", String.class);
        Path file = Path.of("target/stepdpo-test-home/db/stepdpo").toAbsolutePath().normalize();
        assertThat(url).isEqualTo("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE");
        assertThat(Files.exists(Path.of(file + ".mv.db"))).isTrue();
    }
}
