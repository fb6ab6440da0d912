package org.stepdpo.reports.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V4 on a database written before it: a finished run's stored accuracy becomes docs/METRICS.md's (first sample
 * per problem), computed from its stored samples, and a run without samples loses its made-up zeros.
 */
class AccuracyMigrationTest {

    @Test
    void finishedRunsGetTheFirstSampleAccuracyOfTheirStoredSamples(@TempDir Path dir) throws SQLException {
        // A file database that closes with its last connection: H2 compiles check constraints in the session that
        // opens the database, so each step below opens it anew rather than sharing one with Flyway's sessions.
        String url = "jdbc:h2:file:" + dir.resolve("db");
        migrate(url, "3");
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            try (Statement st = db.createStatement()) {
                // Run 1, as V3 stored it: problem a's sample 0 wrong and sample 1 right, problem b's sample 0 right:
                // n_correct / n_samples = 2/3. Under the first-sample definition: 1 of 2 problems.
                st.execute(run(1, "EVAL", "2, 3, 2, 0.6667, 0.75, NULL, NULL, 1.0"));
                st.execute(sample(10, 1, "a", 0, 0, false));
                st.execute(sample(11, 1, "a", 0, 1, true));
                st.execute(sample(12, 1, "b", 1, 0, true));
                // Run 2, a training run: no samples, zeros for pass@1 and mean steps.
                st.execute(run(2, "TRAIN", "0, 0, 0, 0, 0, NULL, NULL, 0"));
            }
        }
        migrate(url, "latest");
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            try (Statement st = db.createStatement();
                 ResultSet r = st.executeQuery("SELECT id, n_problems, n_first_correct, accuracy, pass_at_1, mean_steps"
                         + " FROM runs ORDER BY id")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt("n_problems")).isEqualTo(2);
                assertThat(r.getInt("n_first_correct")).isEqualTo(1);
                assertThat(r.getDouble("accuracy")).isEqualTo(0.5);
                assertThat(r.getDouble("pass_at_1")).isEqualTo(0.75);
                assertThat(r.next()).isTrue();
                assertThat(r.getInt("n_first_correct")).isZero();
                assertThat(r.getObject("accuracy")).isNull();
                assertThat(r.getObject("pass_at_1")).isNull();
                assertThat(r.getObject("mean_steps")).isNull();
            }
        }
    }

    private static void migrate(String url, String target) {
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/reports").target(target).load().migrate();
    }

    private static String run(long id, String kind, String summary) {
        return "INSERT INTO runs (id, kind, name, model, benchmark, config_json, status, started_at, finished_at,"
                + " n_problems, n_samples, n_correct, accuracy, pass_at_1, maj_at_k, maj_k, mean_steps) VALUES (" + id
                + ", '" + kind + "', 'r', 'm', 'b', '{}', 'FINISHED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, " + summary + ")";
    }

    private static String sample(long id, long run, String problem, int problemIndex, int sampleIndex, boolean correct) {
        return "INSERT INTO samples (id, run_id, problem_id, problem_index, sample_index, completion, correct, n_steps)"
                + " VALUES (" + id + ", " + run + ", '" + problem + "', " + problemIndex + ", " + sampleIndex + ", 'x', "
                + correct + ", 1)";
    }
}
