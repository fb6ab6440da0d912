package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.cli.training.TrainingWithoutStore;
import org.stepdpo.reports.runs.RunOwner;
import org.stepdpo.reports.storage.StorageSettings;

/**
 * A training killed during step 5 and resumed is one stored run, FINISHED, with steps 1..6 once each; between the two
 * it reads INTERRUPTED. The first attempt trains in a JVM of its own; what its kill -9 leaves behind is then written
 * into the folder and the database: the run RUNNING with a process id that no longer exists, steps 1..5 stored,
 * checkpoints up to step 4 (a JVM of the whole application cannot be started from this test; {@code RunStoreContract}
 * covers the store's side, with a process that really ended).
 */
@QuarkusMainTest
class TrainResumeContinuesTheRunTest {

    @Test
    void aKilledTrainingResumedIsOneFinishedRunWithEachStepOnce(QuarkusMainLauncher launcher, @TempDir Path dir)
            throws Exception {
        Path model = dir.resolve("model");
        TinyCheckpoint.writeInChildJvm(model);
        Path data = dir.resolve("pairs.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            lines.add(String.format("{\"prompt\": \"%d+%d\", \"initial_reason_steps\": \"Step 1:\", \"chosen\": \" %d\","
                    + " \"rejected\": \" %d\"}", i, i + 1, 2 * i + 1, 2 * i + 2));
        }
        Files.write(data, lines);
        Path out = dir.resolve("train");
        List<String> args = List.of("train", "--objective", "step-dpo", "--model", model.toString(), "--data",
                data.toString(), "--out", out.toString(), "--max-steps", "6", "--save-every", "2", "--keep-checkpoints",
                "5", "--lr", "1e-4");

        // The first attempt, in a JVM of its own (libtorch loads once per JVM): checkpoints at steps 2, 4 and 6.
        List<String> child = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrainingWithoutStore.class.getName()));
        child.addAll(args.subList(1, args.size()));
        Process trained = new ProcessBuilder(child).redirectErrorStream(true)
                .redirectOutput(dir.resolve("train.log").toFile()).start();
        assertThat(trained.waitFor()).as(() -> read(dir.resolve("train.log"))).isZero();
        LaunchResult migrate = launcher.launch("leaderboard"); // the database exists and has its tables
        assertThat(migrate.exitCode()).as(migrate.getErrorOutput()).isZero();
        long deadPid = deadProcess();
        long runId = killedDuringStepFive(out, model, deadPid);
        assertThat(report(launcher, runId, dir)).contains("| Status | interrupted (process " + deadPid + " on "
                + RunOwner.current().host() + " ended without finishing the run; resume it to continue) |");

        List<String> resume = new ArrayList<>(args);
        resume.add("--resume");
        LaunchResult second = launcher.launch(resume.toArray(String[]::new));
        assertThat(second.exitCode()).as(second.getErrorOutput()).isZero();
        assertThat(second.getOutput()).contains("continuing stored run " + runId, "(2 this run)");

        assertThat(report(launcher, runId, dir)).contains("| Status | finished |", "## Training (6 logged steps)");
        try (Connection c = database(); Statement s = c.createStatement()) {
            assertThat(ints(s, "SELECT step FROM training_metrics WHERE run_id = " + runId + " ORDER BY step"))
                    .containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(ints(s, "SELECT COUNT(*) FROM runs WHERE output_dir = '" + out.toAbsolutePath() + "'"))
                    .as("one stored run for the folder").containsExactly(1);
        }
    }

    /** The id of a process that ran and ended. */
    private static long deadProcess() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        return ended.pid();
    }

    /**
     * Leaves the folder and the database as a kill -9 during step 5 does: no checkpoint of step 6 and no final model,
     * metrics.jsonl up to step 5, and the stored run RUNNING, owned by a process that is gone, with steps 1..5.
     */
    private static long killedDuringStepFive(Path out, Path model, long pid) throws Exception {
        for (Path gone : List.of(out.resolve("checkpoints/step-000006"), out.resolve("final"))) {
            try (Stream<Path> files = Files.walk(gone)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        Files.write(out.resolve("metrics.jsonl"), metrics.subList(0, 5));
        try (Connection c = database(); Statement s = c.createStatement()) {
            long id = ints(s, "SELECT NEXT VALUE FOR runs_seq").get(0);
            s.executeUpdate("INSERT INTO runs (id, kind, name, model, benchmark, config_json, device, output_dir, status,"
                    + " started_at, owner_host, owner_pid) VALUES (" + id + ", 'TRAIN', 'train step-dpo model', '"
                    + model.toAbsolutePath() + "', 'step-dpo', '{}', 'cpu', '" + out.toAbsolutePath() + "', 'RUNNING',"
                    + " CURRENT_TIMESTAMP, '" + RunOwner.current().host() + "', " + pid + ")");
            for (int step = 1; step <= 5; step++) {
                s.executeUpdate("INSERT INTO training_metrics (run_id, step, loss) VALUES (" + id + ", " + step + ", 0.69)");
            }
            return id;
        }
    }

    private static String report(QuarkusMainLauncher launcher, long runId, Path dir) throws Exception {
        Path md = dir.resolve("report-" + System.nanoTime() + ".md");
        LaunchResult r = launcher.launch("report", "--run", Long.toString(runId), "--format", "md", "-o", md.toString());
        assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
        return Files.readString(md);
    }

    /** The test database (the application is not running between launches). */
    private static Connection database() throws Exception {
        String url = StorageSettings.resolve(Map.of("stepdpo.home", System.getProperty("stepdpo.home"))::get).h2Url();
        return DriverManager.getConnection(url, "sa", "");
    }

    private static List<Integer> ints(Statement s, String sql) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
