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
        assertThat(url).isEqualTo("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(Files.exists(Path.of(file + ".mv.db"))).isTrue();
    }

    @Test
    void theEmbeddedDatabaseListensOnTheLoopbackAddressAloneAndItsFolderIsPrivate() throws Exception {
        Path folder = Path.of("target/stepdpo-test-home/db").toAbsolutePath();
        Path lock = folder.resolve("stepdpo.lock.db");
        assertThat(lock).exists();
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(lock)) {
            p.load(in);
        }
        // "server=localhost:PORT": where other processes reach this one's AUTO_SERVER.
        String server = p.getProperty("server");
        assertThat(server).startsWith("localhost:");
        int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        java.util.List<String> listening = listeningAddresses(port);
        assertThat(listening).as("sockets listening on port " + port).isNotEmpty()
                .allMatch(a -> a.equals("0100007F") || a.equals("0000000000000000FFFF00000100007F"), "loopback");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                .isEqualTo("rwx------");
    }

    /** Local addresses (hex, as /proc/net/tcp and tcp6 write them) of the sockets listening on {@code port}. */
    private static java.util.List<String> listeningAddresses(int port) throws java.io.IOException {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String table : java.util.List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].contains(":") && f[3].equals("0A")) { // 0A: LISTEN
                    String[] local = f[1].split(":");
                    if (Integer.parseInt(local[1], 16) == port) {
                        out.add(local[0]);
                    }
                }
            }
        }
        return out;
    }
}
