package org.stepdpo.reports.runs;

import java.util.Map;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.stepdpo.reports.storage.StorageSettings;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link RunStoreContract} on a real PostgreSQL server, switched on the way a user does it (stepdpo.db =
 * STEPDPO_DB=postgresql). Runs when STEPDPO_TEST_PG_URL is set (user and password from STEPDPO_TEST_PG_USER and
 * STEPDPO_TEST_PG_PASSWORD, default "stepdpo" and empty); see reports/README.md for starting a server.
 */
@QuarkusTest
@TestProfile(RunStorePostgresTest.Postgres.class)
@EnabledIfEnvironmentVariable(named = "STEPDPO_TEST_PG_URL", matches = ".+",
        disabledReason = "no PostgreSQL server: set STEPDPO_TEST_PG_URL (e.g. jdbc:postgresql://127.0.0.1:55432/stepdpo)")
class RunStorePostgresTest extends RunStoreContract {

    public static class Postgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = System.getenv("STEPDPO_TEST_PG_URL");
            if (url == null || url.isBlank()) {
                // Quarkus reads the profile while discovering tests, also when the class is disabled.
                return Map.of();
            }
            return Map.of(
                    "stepdpo.db", "postgresql",
                    "quarkus.datasource.\"postgresql\".jdbc.url", url,
                    "quarkus.datasource.\"postgresql\".username", env("STEPDPO_TEST_PG_USER", "stepdpo"),
                    "quarkus.datasource.\"postgresql\".password", env("STEPDPO_TEST_PG_PASSWORD", ""));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null ? fallback : value;
        }
    }

    @Override
    StorageSettings.Database expectedDatabase() {
        return StorageSettings.Database.POSTGRESQL;
    }
}
