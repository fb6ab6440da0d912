package org.stepdpo.grading;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.stepdpo.data.Grade;

/**
 * Measures grading speed on real data: MATH-500 reference solutions and ProcessBench solutions,
 * graded {@code rounds} times after one warm-up round, on one thread by default (the number a user can
 * multiply by their cores) or on several, each grading its share of every round with the one shared
 * (thread-safe) {@link AnswerGrader}. Also reports ProcessBench agreement with its human verdicts.
 * Backs the CLI command {@code stepdpo bench grading}.
 */
public final class GradingBenchmark {

    /**
     * @param math500Samples              MATH-500 solutions per round
     * @param math500SamplesPerSecond     graded MATH-500 solutions per second, all threads together
     * @param processBenchSamples         ProcessBench solutions per round
     * @param processBenchSamplesPerSecond graded ProcessBench solutions per second, all threads together
     * @param processBenchAgreement       fraction of ProcessBench verdicts equal to the human verdict
     * @param rounds                      measured rounds (after one warm-up round)
     * @param threads                     threads that graded
     */
    public record Result(int math500Samples, double math500SamplesPerSecond, int processBenchSamples,
                         double processBenchSamplesPerSecond, double processBenchAgreement, int rounds, int threads) {
    }

    private GradingBenchmark() {
    }

    /** Single-threaded run. */
    public static Result run(Path dataDir, int rounds) {
        return run(dataDir, rounds, 1);
    }

    public static Result run(Path dataDir, int rounds, int threads) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        List<GradingCorpus.Case> math500 = GradingCorpus.math500References(dataDir);
        List<GradingCorpus.Case> processBench = GradingCorpus.processBench(dataDir);
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            measure(math500, 1, threads, pool);
            double math500Rate = measure(math500, rounds, threads, pool);
            measure(processBench, 1, threads, pool);
            double processBenchRate = measure(processBench, rounds, threads, pool);
            return new Result(math500.size(), math500Rate, processBench.size(), processBenchRate,
                    agreement(processBench), rounds, threads);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** Fraction of cases whose verdict equals the expected one. */
    public static double agreement(List<GradingCorpus.Case> cases) {
        int agree = 0;
        for (GradingCorpus.Case c : cases) {
            if (grade(c).correct() == c.expectedCorrect()) {
                agree++;
            }
        }
        return cases.isEmpty() ? Double.NaN : (double) agree / cases.size();
    }

    public static Grade grade(GradingCorpus.Case c) {
        return new AnswerGrader(c.options()).grade(c.completion(), c.reference());
    }

    /** Samples per second over {@code rounds} passes; with a pool, thread t grades cases t, t + threads, ... */
    private static double measure(List<GradingCorpus.Case> cases, int rounds, int threads, ExecutorService pool) {
        AnswerGrader markers = new AnswerGrader(ExtractionOptions.markersOnly());
        AnswerGrader lastNumber = new AnswerGrader(ExtractionOptions.withLastNumberFallback());
        long start = System.nanoTime();
        long correct = 0;
        if (pool == null) {
            correct = gradeShare(cases, rounds, 0, 1, markers, lastNumber);
        } else {
            List<Future<Long>> shares = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                shares.add(pool.submit(() -> gradeShare(cases, rounds, first, threads, markers, lastNumber)));
            }
            for (Future<Long> share : shares) {
                correct += await(share);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // 'correct' keeps the work observable so the JIT cannot drop it
        return correct >= 0 ? cases.size() * (double) rounds / seconds : 0;
    }

    private static long gradeShare(List<GradingCorpus.Case> cases, int rounds, int first, int stride,
                                   AnswerGrader markers, AnswerGrader lastNumber) {
        long correct = 0;
        for (int round = 0; round < rounds; round++) {
            for (int k = first; k < cases.size(); k += stride) {
                GradingCorpus.Case c = cases.get(k);
                AnswerGrader grader = c.options().lastNumberFallback() ? lastNumber : markers;
                if (grader.grade(c.completion(), c.reference()).correct()) {
                    correct++;
                }
            }
        }
        return correct;
    }

    private static long await(Future<Long> share) {
        try {
            return share.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grading benchmark interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("grading benchmark thread failed: " + e.getCause(), e.getCause());
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "grading-bench-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
