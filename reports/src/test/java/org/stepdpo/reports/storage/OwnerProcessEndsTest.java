package org.stepdpo.reports.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepdpo.reports.runs.NewRun;
import org.stepdpo.reports.runs.PairSetCounts;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.RunStatus;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.RunView;
import org.stepdpo.reports.runs.SampleRecord;
import org.stepdpo.reports.runs.StepRecord;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Several commands' work goes on while the process that opened the database first (and so serves it to this one)
 * ends in the middle: the runs start through that process, which is then killed (-9) or stopped (TERM) while an
 * evaluation and a pipeline write and a dashboard reads; every sample, the pair counts and the finishes must still be
 * stored, and what was committed before must still be there. Before the store
 * ran broken transactions again, the eval failed ("Connection is broken: session closed"); before WRITE_DELAY=0, a
 * kill -9 of the owner also lost the commits of the last half second.
 */
abstract class OwnerProcessEndsTest {

    private static final int SAMPLES = 3_000;

    @Inject
    RunStore store;

    abstract boolean kill();

    @Test
    void concurrentWritersAndAReaderLoseNothingWhenTheOwnerEnds() throws Exception {
        Process owner = Owner.process;
        assertThat(owner.isAlive()).as("another process holds the database").isTrue();
        // Three commands' worth of work at once, through the other process's server: an evaluation storing 3,000
        // samples, a pipeline storing 1,000 with its pair counts, and a dashboard reading the runs and the
        // leaderboard. The owner ends 300 ms in, while they are writing; every write must land exactly once.
        long eval = store.startRun(new NewRun(RunKind.EVAL, "eval beside an owner that ends", "owner-ends", "gsm8k",
                null, null, "{}", "0.1.0", null, "cpu", null));
        long pipeline = store.startRun(new NewRun(RunKind.PIPELINE, "pipeline beside an owner that ends", "owner-ends",
                "arith", null, null, "{}", "0.1.0", null, "cpu", null));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread evalWriter = worker(failures, () -> {
            store.addSamples(eval, samples(SAMPLES));
            store.finishRun(eval);
        });
        Thread pipelineWriter = worker(failures, () -> {
            store.addSamples(pipeline, samples(1_000));
            store.recordPairSet(pipeline, new PairSetCounts(0, 1_000, 1_000, 500, 400, 300, 250, "/runs/p/pairs.jsonl"));
            store.finishRun(pipeline);
        });
        Thread dashboard = worker(failures, () -> {
            while (writing.get()) {
                store.runs();
                store.leaderboard();
                reads.incrementAndGet();
            }
        });
        Thread ender = worker(failures, () -> {
            try {
                Thread.sleep(300);
                DatabaseOwner.stop(owner, kill());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (Thread t : List.of(evalWriter, pipelineWriter, dashboard, ender)) {
            t.start();
        }
        evalWriter.join();
        pipelineWriter.join();
        writing.set(false);
        dashboard.join();
        ender.join();
        assertThat(failures).as("failures in the concurrent work").isEmpty();
        assertThat(owner.isAlive()).isFalse();
        assertThat(reads.get()).as("the dashboard kept reading").isPositive();

        RunView e = store.run(eval).orElseThrow();
        assertThat(e.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(store.sampleCount(eval)).isEqualTo(SAMPLES);
        assertThat(e.summary().nProblems()).isEqualTo(SAMPLES);
        assertThat(store.run(pipeline).orElseThrow().status()).isEqualTo(RunStatus.FINISHED);
        assertThat(store.sampleCount(pipeline)).isEqualTo(1_000);
        assertThat(store.pairSets(pipeline)).hasSize(1);
    }

    private static List<SampleRecord> samples(int n) {
        List<SampleRecord> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(new SampleRecord("p-" + i, i, 0, "Step 1: " + i + ".\n#### " + i, Integer.toString(i), i % 2 == 0,
                    null, null, null, List.of(new StepRecord(0, "Step 1: " + i + ".", 0, 10, null, null))));
        }
        return samples;
    }

    private static Thread worker(List<Throwable> failures, Runnable work) {
        return new Thread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failures.add(t);
            }
        });
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
