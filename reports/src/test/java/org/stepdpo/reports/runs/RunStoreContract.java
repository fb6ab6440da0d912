package org.stepdpo.reports.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepdpo.reports.leaderboard.Leaderboard;
import org.stepdpo.reports.leaderboard.LeaderboardCell;
import org.stepdpo.reports.leaderboard.LeaderboardRow;
import org.stepdpo.reports.storage.ActiveDatabase;
import org.stepdpo.reports.storage.StorageSettings;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Behaviour of {@link RunStore}, run against each database (H2 always, PostgreSQL when one is configured).
 * Every test uses its own model names, so tests do not see each other's runs in a shared database.
 */
abstract class RunStoreContract {

    @Inject
    RunStore store;

    @Inject
    ActiveDatabase database;

    abstract StorageSettings.Database expectedDatabase();

    @Test
    void theExpectedDatabaseIsActive() {
        assertThat(store.database()).isEqualTo(expectedDatabase());
    }

    @Test
    void runSamplesAndStepsRoundTrip() {
        String model = unique("model");
        NewRun newRun = new NewRun(RunKind.EVAL, "eval of " + model, model, "gsm8k", "smoke", "/data/gsm8k/test.jsonl",
                "{\"model\":{\"name\":\"" + model + "\",\"sha256\":\"ab12\"},\"template\":\"Let's think step by step.\\nStep 1:\","
                        + "\"sampling\":{\"temperature\":0.7,\"top_p\":0.95},\"seed\":42}",
                "0.1.0", "0123456789abcdef", "CPU (2 cores)", "/tmp/out");
        long id = store.startRun(newRun);

        RunView running = store.run(id).orElseThrow();
        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(running.summary()).isNull();
        assertThat(running.finishedAt()).isNull();
        assertThat(running.configJson()).isEqualTo(newRun.configJson());
        assertThat(running).extracting(RunView::kind, RunView::name, RunView::model, RunView::benchmark, RunView::suite,
                RunView::dataFile, RunView::projectVersion, RunView::gitCommit, RunView::device, RunView::outputDir)
                .containsExactly(RunKind.EVAL, newRun.name(), model, "gsm8k", "smoke", "/data/gsm8k/test.jsonl", "0.1.0",
                        "0123456789abcdef", "CPU (2 cores)", "/tmp/out");

        String longCompletion = "Step 1: " + "x".repeat(20_000) + "\nStep 2: The answer is 7.";
        SampleRecord wrong = new SampleRecord("gsm8k-17", 17, 0, longCompletion, "7", false, "Level 2", "algebra", 1,
                List.of(new StepRecord(0, "Step 1: " + "x".repeat(20_000), 0, 20_008, StepVerdict.CORRECT, null),
                        new StepRecord(1, "Step 2: The answer is 7.", 20_009, longCompletion.length(),
                                StepVerdict.INCORRECT, "7 does not follow from step 1")));
        SampleRecord right = new SampleRecord("gsm8k-3", 3, 1, "The answer is 5", "5", true, null, null, null, List.of());
        SampleRecord unanswered = new SampleRecord("gsm8k-3", 3, 0, "I don't know — ünïcödé ∑", null, false, null, null, null,
                List.of(new StepRecord(0, "I don't know — ünïcödé ∑", 0, 24, null, null)));
        store.addSamples(id, List.of(wrong, right));
        store.addSamples(id, List.of(unanswered));
        store.finishRun(id);

        RunView finished = store.run(id).orElseThrow();
        assertThat(finished.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(finished.finishedAt()).isAfterOrEqualTo(finished.startedAt());
        // Computed from the stored samples: 2 problems, 3 samples, 1 right; no first sample is right (gsm8k-3's
        // sample 0 has no answer); pass@1 = (0/1 + 1/2) / 2; maj@2: gsm8k-3's only vote is the right "5", gsm8k-17's
        // "7" is wrong -> 1/2; steps (2 + 0 + 1) / 3.
        assertThat(finished.summary()).isEqualTo(new RunSummary(2, 3, 1, 0, 0.25, 0.5, 2, 1.0));
        assertThat(finished.summary().accuracy()).isZero();

        assertThat(store.sampleCount(id)).isEqualTo(3);
        List<StoredSample> stored = store.samples(id, 0, 10);
        assertThat(stored).extracting(StoredSample::sample).containsExactly(unanswered, right, wrong);
        assertThat(stored).allSatisfy(s -> assertThat(s.runId()).isEqualTo(id));
        assertThat(store.samples(id, 1, 1)).extracting(StoredSample::sample).containsExactly(right);
        assertThat(store.runs()).extracting(RunView::id).contains(id);
    }

    @Test
    void leaderboardTakesTheLatestFinishedEvalPerModelAndBenchmark() {
        String a = unique("a");
        String b = unique("b");
        long old = finishedEval(a, "gsm8k", 30, 100);
        long latest = finishedEval(a, "gsm8k", 60, 100);
        long math = finishedEval(a, "math500", 200, 500);
        long other = finishedEval(b, "gsm8k", 7, 10);
        long failed = store.startRun(newEval(a, "gsm8k"));
        store.failRun(failed, "generation server went away");
        long running = store.startRun(newEval(a, "math500"));
        long training = store.startRun(new NewRun(RunKind.TRAIN, "train", a, "gsm8k", null, null, "{}", "0.1.0", null, null, null));
        store.finishRun(training);

        Leaderboard board = store.leaderboard();
        LeaderboardRow rowA = row(board, a);
        assertThat(rowA.cells()).containsOnlyKeys("gsm8k", "math500");
        LeaderboardCell gsm = rowA.cell("gsm8k").orElseThrow();
        assertThat(gsm.runId()).isEqualTo(latest).isNotEqualTo(old);
        assertThat(gsm.accuracy()).isEqualTo(0.6);
        assertThat(gsm.n()).isEqualTo(100);
        assertThat(gsm.interval().low()).isCloseTo(0.5020, within(1e-3));
        assertThat(gsm.interval().high()).isCloseTo(0.6906, within(1e-3));
        assertThat(rowA.cell("math500").orElseThrow().runId()).isEqualTo(math);
        assertThat(row(board, b).cell("gsm8k").orElseThrow().runId()).isEqualTo(other);
        assertThat(board.benchmarks()).contains("gsm8k", "math500");

        RunView failedRun = store.run(failed).orElseThrow();
        assertThat(failedRun.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failedRun.statusMessage()).isEqualTo("generation server went away");
        assertThat(store.run(running).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void leaderboardBySuite() {
        String model = unique("suite");
        NewRun inSuite = new NewRun(RunKind.EVAL, "e", model, "aime", "paper", null, "{}", "0.1.0", null, null, null);
        long id = store.startRun(inSuite);
        finishWithSamples(id, 3, 30);
        long adHoc = store.startRun(newEval(model, "amc"));
        finishWithSamples(adHoc, 4, 40);
        long empty = store.startRun(newEval(model, "empty"));
        store.finishRun(empty);

        assertThat(row(store.leaderboard("paper"), model).cells()).containsOnlyKeys("aime");
        // A run of no problems has no accuracy: it is not on the board.
        assertThat(row(store.leaderboard(), model).cells()).containsOnlyKeys("aime", "amc");
    }

    @Test
    void lifecycleMistakesAreRefusedWithTheRunId() {
        long id = store.startRun(newEval(unique("m"), "gsm8k"));
        store.finishRun(id);
        assertThatThrownBy(() -> store.finishRun(id))
                .hasMessageContaining("run " + id).hasMessageContaining("FINISHED");
        assertThatThrownBy(() -> store.failRun(id, "late")).hasMessageContaining("run " + id);
        assertThatThrownBy(() -> store.addSamples(id, List.of(sample(0, 0, true, 1))))
                .hasMessageContaining("run " + id).hasMessageContaining("RUNNING");
        assertThatThrownBy(() -> store.addSamples(-5, List.of())).hasMessageContaining("no run with id -5");
        assertThat(store.run(-5)).isEmpty();
        assertThatThrownBy(() -> store.startRun(new NewRun(RunKind.EVAL, "e", "m", "b", null, null, "{not json", null,
                null, null, null))).hasMessageContaining("not valid JSON");
    }

    @Test
    void aStoredSampleCannotBeStoredTwice() {
        long id = store.startRun(newEval(unique("dup"), "gsm8k"));
        store.addSamples(id, List.of(sample(0, 0, true, 2)));
        assertThatThrownBy(() -> store.addSamples(id, List.of(sample(1, 0, true, 1), sample(0, 0, false, 1))))
                .hasMessageContaining("run " + id);
        // All or nothing: the good sample of the refused batch is not stored either.
        assertThat(store.sampleCount(id)).isEqualTo(1);
        assertThatThrownBy(() -> store.addSamples(id, List.of(sample(2, 0, true, 1), sample(2, 0, true, 1))))
                .hasMessageContaining("problem index 2, sample index 0 twice");
    }

    @Test
    void tenThousandSamplesWithTenStepsEachAreStoredInOneBatch() {
        long id = store.startRun(newEval(unique("volume"), "synthetic"));
        List<SampleRecord> samples = new ArrayList<>();
        for (int p = 0; p < 2_500; p++) {
            for (int k = 0; k < 4; k++) {
                samples.add(sample(p, k, (p + k) % 3 == 0, 10));
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        store.addSamples(id, samples);
        double seconds = (System.nanoTime() - start) / 1e9;
        // Printed, never asserted (speed is a benchmark's business, not a test's); CPU time of this thread too: wall
        // time on a shared machine says more about the neighbours.
        System.out.printf("[%s] stored 10,000 samples with 100,000 steps in %.2f s (%.2f s CPU in this thread)%n",
                store.database(), seconds, (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        assertThat(store.sampleCount(id)).isEqualTo(10_000);
        assertThat(store.samples(id, 9_999, 5)).singleElement()
                .satisfies(s -> assertThat(s.sample()).isEqualTo(samples.get(9_999)));
        assertThat(store.deleteRun(id)).isTrue();
        assertThat(store.sampleCount(id)).isZero();
        assertThat(store.run(id)).isEmpty();
    }

    private long finishedEval(String model, String benchmark, int correct, int n) {
        long id = store.startRun(newEval(model, benchmark));
        finishWithSamples(id, correct, n);
        return id;
    }

    /** n problems with one sample each, the first {@code correct} right; then finished. */
    private void finishWithSamples(long id, int correct, int n) {
        List<SampleRecord> samples = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            samples.add(sample(p, 0, p < correct, 1));
        }
        store.addSamples(id, samples);
        store.finishRun(id);
    }

    private static NewRun newEval(String model, String benchmark) {
        return new NewRun(RunKind.EVAL, "eval " + model, model, benchmark, null, null, "{\"seed\":1}", "0.1.0", null,
                null, null);
    }

    static SampleRecord sample(int problem, int k, boolean correct, int nSteps) {
        List<StepRecord> steps = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < nSteps; i++) {
            String step = "Step " + (i + 1) + ": add " + i + " to the running total of problem " + problem + ".";
            steps.add(new StepRecord(i, step, text.length(), text.length() + step.length(),
                    i == 0 ? StepVerdict.CORRECT : null, null));
            text.append(step).append('\n');
        }
        return new SampleRecord("p" + problem, problem, k, text.toString(), correct ? "42" : "41", correct, "Level 1",
                "arithmetic", correct || nSteps < 2 ? null : 1, steps);
    }

    @Test
    void goldLabelsFiltersAndOutcomesRoundTrip() {
        long id = store.startRun(newEval(unique("labels"), "processbench"));
        SampleRecord labelled = new SampleRecord("pb-0", 0, 0, "Step 1: a\nStep 2: b", "b", false, null, "gsm8k", 1, 1,
                List.of(new StepRecord(0, "Step 1: a", 0, 9, StepVerdict.CORRECT, null),
                        new StepRecord(1, "Step 2: b", 10, 19, StepVerdict.INCORRECT, "b is wrong")));
        SampleRecord allRight = new SampleRecord("pb-1", 1, 0, "Step 1: c", "c", true, null, "gsm8k", null, -1,
                List.of(new StepRecord(0, "Step 1: c", 0, 9, StepVerdict.CORRECT, null)));
        SampleRecord unjudged = new SampleRecord("pb-2", 2, 0, "d", "d", true, null, null, null, List.of());
        store.addSamples(id, List.of(labelled, allRight, unjudged));

        assertThat(store.samples(id, 0, 10)).extracting(StoredSample::sample).containsExactly(labelled, allRight, unjudged);
        assertThat(store.sampleCount(id, SampleFilter.CORRECT)).isEqualTo(2);
        assertThat(store.sampleCount(id, SampleFilter.WRONG)).isEqualTo(1);
        assertThat(store.samples(id, SampleFilter.FIRST_ERROR, 0, 10)).extracting(s -> s.sample().problemId())
                .containsExactly("pb-0");
        assertThat(store.samples(id, SampleFilter.CORRECT, 1, 10)).extracting(s -> s.sample().problemId())
                .containsExactly("pb-2");
        StoredSample first = store.samples(id, 0, 1).get(0);
        assertThat(store.sample(first.id())).contains(first);
        assertThat(store.sample(Long.MAX_VALUE)).isEmpty();

        List<SampleOutcome> outcomes = store.outcomes(id);
        assertThat(outcomes).extracting(SampleOutcome::problemId, SampleOutcome::judged, SampleOutcome::goldFirstError,
                SampleOutcome::nSteps).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("pb-0", true, 1, 2),
                        org.assertj.core.groups.Tuple.tuple("pb-1", true, -1, 1),
                        org.assertj.core.groups.Tuple.tuple("pb-2", false, null, 0));
        assertThatThrownBy(() -> new SampleRecord("x", 0, 0, "", null, false, null, null, null, -2, List.of()))
                .hasMessageContaining("gold first error -2");
    }

    @Test
    void trainingMetricsPairSetsAndDeviceFacts() {
        long id = store.startRun(new NewRun(RunKind.TRAIN, "step-dpo", unique("policy"), "synthetic", null, null, "{}",
                "0.1.0", null, "NVIDIA H100", null));
        TrainingMetric dpo = new TrainingMetric(1, 0.1, 0.65, 0.6, 0.12, 0.05, -0.07, 5e-7, 2.5, 1234.5, 8L << 30);
        store.addTrainingMetrics(id, List.of(TrainingMetric.sft(0, 1.25, null), dpo));
        assertThat(store.trainingMetrics(id)).containsExactly(TrainingMetric.sft(0, 1.25, null), dpo);
        assertThatThrownBy(() -> store.addTrainingMetrics(id, List.of(TrainingMetric.sft(1, 1.0, null))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already stored");
        assertThat(store.trainingMetrics(id)).hasSize(2);

        store.recordPairSet(id, new PairSetCounts(0, 100, 400, 140, 120, 90, 310, "/runs/x/pairs.jsonl"));
        assertThatThrownBy(() -> store.recordPairSet(id, new PairSetCounts(0, 1, 1, 1, 1, 1, 1, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("iteration 0");
        PairSetCounts stored = store.pairSets(id).get(0);
        assertThat(stored).extracting(PairSetCounts::samples, PairSetCounts::wrongAnswers, PairSetCounts::localized,
                PairSetCounts::rectified, PairSetCounts::pairsKept).containsExactly(400, 140, 120, 90, 310);
        assertThat(stored.recordedAt()).isNotNull();
        assertThatThrownBy(() -> new PairSetCounts(0, 1, 10, 5, 6, 1, 1, null)).hasMessageContaining("inconsistent");

        DeviceFacts facts = new DeviceFacts("AMD EPYC 9454", 16, 128L << 30, "NVIDIA H100 80GB HBM3", 80L << 30);
        store.recordDeviceFacts(id, facts);
        assertThat(store.run(id).orElseThrow().deviceFacts()).isEqualTo(facts);

        store.finishRun(id);
        assertThat(store.run(id).orElseThrow().summary()).isEqualTo(new RunSummary(0, 0, 0, 0, null, null, null, null));
        assertThatThrownBy(() -> store.addTrainingMetrics(id, List.of(TrainingMetric.sft(5, 1.0, null))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FINISHED");
        assertThat(store.deleteRun(id)).isTrue();
        assertThat(store.trainingMetrics(id)).isEmpty();
        assertThat(store.pairSets(id)).isEmpty();
    }

    @Test
    void aRunWhoseProcessIsGoneIsInterruptedAndAResumeContinuesIt() throws Exception {
        String dir = "/runs/" + unique("train");
        long id = store.startRun(new NewRun(RunKind.TRAIN, "train step-dpo tiny", unique("policy"), "step-dpo", null,
                null, "{}", "0.1.0", null, "cpu", dir));
        store.addTrainingMetrics(id, List.of(TrainingMetric.sft(1, 1.0, null), TrainingMetric.sft(2, 0.9, null),
                TrainingMetric.sft(3, 0.8, null), TrainingMetric.sft(4, 0.7, null), TrainingMetric.sft(5, 0.6, null)));
        assertThat(store.run(id).orElseThrow().status()).as("this process runs it").isEqualTo(RunStatus.RUNNING);
        assertThat(store.unfinished(RunKind.TRAIN, dir, "train step-dpo tiny").map(RunView::id)).contains(id);

        // The process is killed: its id now names no process (one that ran and ended).
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        ownedBy(id, "'" + RunOwner.current().host() + "'", ended.pid());
        RunView interrupted = store.run(id).orElseThrow();
        assertThat(interrupted.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(interrupted.statusMessage()).isEqualTo("process " + ended.pid() + " on " + RunOwner.current().host()
                + " ended without finishing the run; resume it to continue");
        assertThat(store.runs().stream().filter(r -> r.id() == id).findFirst().orElseThrow().status())
                .isEqualTo(RunStatus.INTERRUPTED);

        // Resumed from the checkpoint of step 3: steps 4 and 5 are trained again and must not be stored twice.
        store.resumeRun(id);
        assertThat(store.run(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(store.dropTrainingMetricsAfter(id, 3)).isEqualTo(2);
        store.addTrainingMetrics(id, List.of(TrainingMetric.sft(4, 0.65, null), TrainingMetric.sft(5, 0.55, null),
                TrainingMetric.sft(6, 0.5, null)));
        store.finishRun(id);
        assertThat(store.trainingMetrics(id)).extracting(TrainingMetric::step).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(store.unfinished(RunKind.TRAIN, dir, "train step-dpo tiny")).isEmpty();
        assertThatThrownBy(() -> store.resumeRun(id)).hasMessageContaining("has finished");

        // On another host nothing can be known: the run stays RUNNING, and a resume here is refused.
        long elsewhere = store.startRun(new NewRun(RunKind.TRAIN, "train elsewhere", unique("policy"), "sft", null,
                null, "{}", "0.1.0", null, "cpu", dir));
        ownedBy(elsewhere, "'another-host'", 1);
        assertThat(store.run(elsewhere).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThatThrownBy(() -> store.resumeRun(elsewhere))
                .hasMessageContaining("is still running in process 1 on another-host");
        store.failRun(elsewhere, "test over");
        store.resumeRun(elsewhere); // a failed run may be taken up again
        assertThat(store.run(elsewhere).orElseThrow().statusMessage()).isNull();
    }

    @Test
    void problemTextsAreStoredOncePerRunAndGoWithIt() {
        long id = store.startRun(new NewRun(RunKind.EVAL, "eval with problems", unique("m"), "math500", null, null, "{}",
                "0.1.0", null, "cpu", null));
        ProblemText p = new ProblemText("math-7", "Compute $49{,}994 \\div 7 + 20{,}006 \\div 7$.", "10000");
        store.addProblems(id, List.of(p));
        store.addProblems(id, List.of(p, new ProblemText("math-8", "Find $x$.", null))); // a resume stores them again
        assertThat(store.problem(id, "math-7")).contains(p);
        assertThat(store.problem(id, "math-8").orElseThrow().referenceAnswer()).isNull();
        assertThat(store.problem(id, "math-9")).isEmpty();
        assertThat(store.deleteRun(id)).isTrue();
        assertThat(store.problem(id, "math-7")).isEmpty();
    }

    /** What a run's row says when another process started it. */
    private void ownedBy(long runId, String hostLiteral, long pid) {
        QuarkusTransaction.requiringNew().run(() -> database.session().createNativeMutationQuery(
                "update runs set owner_host = " + hostLiteral + ", owner_pid = " + pid + " where id = " + runId)
                .executeUpdate());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static LeaderboardRow row(Leaderboard board, String model) {
        return board.rows().stream().filter(r -> r.model().equals(model)).findFirst()
                .orElseThrow(() -> new AssertionError("no leaderboard row for " + model + " in " + board));
    }
}
