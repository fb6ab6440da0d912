package org.stepdpo.reports.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another process that opened the embedded database first, as {@code stepdpo serve} does while an {@code eval} runs
 * beside it: H2's auto-server makes it the one that serves the file to the others. {@link #main} is that process;
 * {@link #start} runs it in a JVM of its own and returns once it holds the database.
 */
public final class DatabaseOwner {

    private DatabaseOwner() {
    }

    /** Opens the database at the URL in args[0], says READY, and holds it until killed or its stdin closes. */
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], "sa", "")) {
            c.createStatement().execute("SELECT 1");
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the database open
            }
        }
    }

    /** Starts the owner of the database under {@code home} and waits until it holds it. */
    public static Process start(Path home) throws IOException {
        String url = StorageSettings.resolve(Map.of("stepdpo.home", home.toString())::get).h2Url();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DatabaseOwner.class.getName(),
                url).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"READY".equals(line)) {
            p.destroyForcibly();
            throw new IllegalStateException("the database owner did not start: " + line);
        }
        return p;
    }

    /** Ends the owner: SIGKILL when {@code kill}, else SIGTERM (its shutdown closes the database). */
    public static void stop(Process p, boolean kill) throws InterruptedException {
        if (kill) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the database owner did not end");
        }
    }
}
