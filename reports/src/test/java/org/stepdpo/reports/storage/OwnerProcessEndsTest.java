package org.stepdpo.reports.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepdpo.reports.runs.NewRun;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.RunStatus;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.RunView;
import org.stepdpo.reports.runs.SampleRecord;
import org.stepdpo.reports.runs.StepRecord;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * An evaluation stores its run while the process that opened the database first (and so serves it to this one)
 * ends in the middle: the run starts through that process, which is then killed (-9) or stopped (TERM); the
 * samples and the finish must still be stored, and what was committed before must still be there. Before the store
 * ran broken transactions again, the eval failed ("Connection is broken: session closed"); before WRITE_DELAY=0, a
 * kill -9 of the owner also lost the commits of the last half second.
 */
abstract class OwnerProcessEndsTest {

    private static final int SAMPLES = 3_000;

    @Inject
    RunStore store;

    abstract boolean kill();

    @Test
    void theRunIsStoredWhole() throws Exception {
        Process owner = Owner.process;
        assertThat(owner.isAlive()).as("another process holds the database").isTrue();
        long id = store.startRun(new NewRun(RunKind.EVAL, "eval beside an owner that ends", "owner-ends", "gsm8k", null,
                null, "{}", "0.1.0", null, "cpu", null));

        // The owner ends while the samples are being written (3,000 samples take seconds over its server), so
        // that transaction breaks under the writer and is rolled back; it must be run again, once, on a new connection.
        Thread ender = new Thread(() -> {
            try {
                Thread.sleep(300);
                DatabaseOwner.stop(owner, kill());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<SampleRecord> samples = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            samples.add(new SampleRecord("p-" + i, i, 0, "Step 1: " + i + ".\n#### " + i, Integer.toString(i), i % 2 == 0,
                    null, null, null, List.of(new StepRecord(0, "Step 1: " + i + ".", 0, 10, null, null))));
        }
        ender.start();
        store.addSamples(id, samples);
        ender.join();
        assertThat(owner.isAlive()).isFalse();
        store.finishRun(id);
        RunView run = store.run(id).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(store.sampleCount(id)).isEqualTo(SAMPLES);
        assertThat(run.summary().nProblems()).isEqualTo(SAMPLES);
    }

    /** A data folder of its own, whose database another process opens before this application starts. */
    public static class Owner implements QuarkusTestResourceLifecycleManager {
        static Process process;
        private Path home;

        @Override
        public void init(Map<String, String> args) {
            home = Path.of(args.get("home"));
        }

        @Override
        public Map<String, String> start() {
            try {
                process = DatabaseOwner.start(home);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    /** The profile of one case: its own home (so its own database) with the owner started in it. */
    abstract static class OwnedHome implements QuarkusTestProfile {
        private final Path home;

        OwnedHome(String name) {
            try {
                home = Files.createDirectories(Path.of("target", "owner-test-" + name + "-"
                        + ProcessHandle.current().pid()).toAbsolutePath());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stepdpo.home", home.toString());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Owner.class, Map.of("home", home.toString())));
        }
    }
}
