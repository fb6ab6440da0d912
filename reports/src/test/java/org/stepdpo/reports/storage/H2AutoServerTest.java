package org.stepdpo.reports.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on the default embedded database: while another JVM holds it open, this one can read and
 * write it too (the URL's AUTO_SERVER mode), instead of failing on H2's file lock.
 */
class H2AutoServerTest {

    /** Entry point of the child process: opens the database, writes a row, says READY, holds it until stdin closes. */
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS probe (who VARCHAR(16))");
            s.execute("INSERT INTO probe VALUES ('child')");
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Hold the database open until the parent closes our stdin.
            }
        }
    }

    @Test
    void secondProcessSharesTheDatabase(@TempDir Path home) throws Exception {
        String url = StorageSettings.resolve(Map.of("stepdpo.home", home.toString())::get).h2Url();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                H2AutoServerTest.class.getName(), url).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("child process output").isEqualTo("READY");
            assertThat(Files.exists(home.resolve("db/stepdpo.mv.db"))).as("database file created on first use").isTrue();

            try (Connection c = DriverManager.getConnection(url, "sa", "");
                    Statement s = c.createStatement()) {
                s.execute("INSERT INTO probe VALUES ('parent')");
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM probe")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
            }
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertThat(child.exitValue()).isZero();
    }
}
