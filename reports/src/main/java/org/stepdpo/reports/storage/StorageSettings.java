package org.stepdpo.reports.storage;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Where results are stored: which database is active and, for the embedded default, which folder holds it.
 *
 * <p>Resolution (each input is a configuration key, so an environment variable of the same name works):
 * <ul>
 *   <li>database: {@code STEPDPO_DB} ({@code stepdpo.db}) = {@code h2} (default) or {@code postgresql};</li>
 *   <li>home folder: {@code STEPDPO_HOME} ({@code stepdpo.home}), else {@code $XDG_DATA_HOME/stepdpo},
 *       else {@code ~/.local/share/stepdpo}; the H2 database file is {@code <home>/db/stepdpo}.</li>
 * </ul>
 */
public record StorageSettings(Database database, Path home) {

    /** The databases the application is built for; exactly one is active at run time. */
    public enum Database {
        H2, POSTGRESQL;

        /** Name used in configuration, persistence unit and datasource names: {@code h2}, {@code postgresql}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Database parse(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "h2" -> H2;
                case "postgresql", "postgres", "pg" -> POSTGRESQL;
                default -> throw new IllegalArgumentException(
                        "STEPDPO_DB (stepdpo.db) is '" + value + "'; expected 'h2' or 'postgresql'");
            };
        }
    }

    public StorageSettings {
        if (database == null || home == null) {
            throw new IllegalArgumentException("database and home are required");
        }
        home = home.toAbsolutePath().normalize();
    }

    /**
     * Resolves the settings from a lookup of configuration values (returns null when a key is unset or blank).
     * Keys read: {@code stepdpo.db}, {@code stepdpo.home}, {@code XDG_DATA_HOME}, {@code user.home}.
     */
    public static StorageSettings resolve(UnaryOperator<String> config) {
        String db = blankToNull(config.apply("stepdpo.db"));
        Database database = db == null ? Database.H2 : Database.parse(db);
        return new StorageSettings(database, resolveHome(config));
    }

    static Path resolveHome(UnaryOperator<String> config) {
        String explicit = blankToNull(config.apply("stepdpo.home"));
        if (explicit != null) {
            return Path.of(explicit);
        }
        String xdg = blankToNull(config.apply("XDG_DATA_HOME"));
        if (xdg != null) {
            return Path.of(xdg, "stepdpo");
        }
        String userHome = blankToNull(config.apply("user.home"));
        if (userHome == null) {
            throw new IllegalStateException("cannot place the database: none of STEPDPO_HOME, XDG_DATA_HOME, user.home is set");
        }
        return Path.of(userHome, ".local", "share", "stepdpo");
    }

    /** The embedded database's file, without H2's {@code .mv.db} suffix. */
    public Path h2File() {
        return home.resolve("db").resolve("stepdpo");
    }

    /**
     * JDBC URL of the embedded database. AUTO_SERVER lets a second process (a CLI command while the dashboard
     * runs, say) open the same file: the first opener serves it over a loopback TCP port the others find
     * through the lock file, and another process takes over when it exits (the store runs a transaction that broke
     * then again). WRITE_DELAY=0 writes each commit to the file at once: with H2's default (500 ms) a kill -9 of
     * the serving process lost the last commits of every process it served (measured: a committed row gone).
     */
    public String h2Url() {
        String file = h2File().toString();
        if (file.indexOf(';') >= 0) {
            throw new IllegalStateException("the database path " + file + " contains ';', which a JDBC URL cannot carry;"
                    + " set STEPDPO_HOME to a folder without it");
        }
        return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
