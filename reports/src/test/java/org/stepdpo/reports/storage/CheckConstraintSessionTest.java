package org.stepdpo.reports.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that migrates a fresh embedded database and then runs for longer than the pool keeps idle connections
 * (the demo's nine-minute SFT) must still be able to write runs. Here: one connection stays open (the database
 * stays open), Flyway migrates on its own connection and closes it, and the open connection then writes.
 */
class CheckConstraintSessionTest {

    @Test
    void runsAndStepsCanBeWrittenAfterTheMigratingSessionClosed(@TempDir Path dir) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE";
        try (Connection kept = DriverManager.getConnection(url, "sa", "")) {
            migrate(url, "latest");
            try (Statement st = kept.createStatement()) {
                st.execute(run(1, "EVAL", "RUNNING"));
                st.execute("UPDATE runs SET status = 'FINISHED' WHERE id = 1");
                st.execute(run(2, "JUDGE", "FAILED"));
                st.execute("INSERT INTO samples (id, run_id, problem_id, problem_index, sample_index, completion, correct,"
                        + " n_steps) VALUES (10, 1, 'p', 0, 0, 'x', TRUE, 1)");
                st.execute("INSERT INTO steps (sample_id, step_index, text, char_start, char_end, verdict)"
                        + " VALUES (10, 0, 'x', 0, 1, 'INCORRECT')");
                st.execute("INSERT INTO steps (sample_id, step_index, text, char_start, char_end, verdict)"
                        + " VALUES (10, 1, 'y', 1, 2, NULL)");
                // The rules still hold.
                assertThatThrownBy(() -> st.execute("UPDATE runs SET status = 'PAUSED' WHERE id = 1"))
                        .hasMessageContaining("RUNS_STATUS_CK");
                assertThatThrownBy(() -> st.execute(run(3, "SERVE", "RUNNING"))).hasMessageContaining("RUNS_KIND_CK");
                assertThatThrownBy(() -> st.execute("INSERT INTO steps (sample_id, step_index, text, char_start, char_end,"
                        + " verdict) VALUES (10, 2, 'z', 2, 3, 'MAYBE')")).hasMessageContaining("STEPS_VERDICT_CK");
            }
        }
    }

    @Test
    void theValueListFormOfV4FailsThisWayWhichIsWhyV5Exists(@TempDir Path dir) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE";
        try (Connection kept = DriverManager.getConnection(url, "sa", "")) {
            migrate(url, "4");
            try (Statement st = kept.createStatement()) {
                assertThatThrownBy(() -> st.execute(run(1, "EVAL", "RUNNING")))
                        .hasMessageContaining("Check constraint invalid")
                        .hasRootCauseMessage("The database has been closed [90098-240]");
            }
        }
    }

    @Test
    void aDatabaseMigratedBeforeV5IsRewrittenAndKeepsItsRuns(@TempDir Path dir) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        migrate(url, "4");
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement st = db.createStatement()) {
            st.execute(run(1, "EVAL", "FINISHED"));
        }
        migrate(url, "latest");
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement st = db.createStatement()) {
            var r = st.executeQuery("SELECT status FROM runs WHERE id = 1");
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("FINISHED");
        }
    }

    private static void migrate(String url, String target) {
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/reports").target(target).load().migrate();
    }

    private static String run(long id, String kind, String status) {
        return "INSERT INTO runs (id, kind, name, model, benchmark, config_json, status, started_at) VALUES (" + id
                + ", '" + kind + "', 'r', 'm', 'b', '{}', '" + status + "', CURRENT_TIMESTAMP)";
    }
}
