package org.stepdpo.grading;

import java.nio.file.Path;
import java.util.List;
import org.stepdpo.data.Grade;

/**
 * Measures grading speed on real data: MATH-500 reference solutions and ProcessBench solutions,
 * graded {@code rounds} times after one warm-up round, single-threaded (the number a user can
 * multiply by their cores). Also reports ProcessBench agreement with its human verdicts.
 * Backs the CLI command {@code stepdpo bench grading}.
 */
public final class GradingBenchmark {

    /**
     * @param math500Samples              MATH-500 solutions per round
     * @param math500SamplesPerSecond     graded MATH-500 solutions per second
     * @param processBenchSamples         ProcessBench solutions per round
     * @param processBenchSamplesPerSecond graded ProcessBench solutions per second
     * @param processBenchAgreement       fraction of ProcessBench verdicts equal to the human verdict
     * @param rounds                      measured rounds (after one warm-up round)
     */
    public record Result(int math500Samples, double math500SamplesPerSecond, int processBenchSamples,
                         double processBenchSamplesPerSecond, double processBenchAgreement, int rounds) {
    }

    private GradingBenchmark() {
    }

    public static Result run(Path dataDir, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
        }
        List<GradingCorpus.Case> math500 = GradingCorpus.math500References(dataDir);
        List<GradingCorpus.Case> processBench = GradingCorpus.processBench(dataDir);
        measure(math500, 1);
        double math500Rate = measure(math500, rounds);
        measure(processBench, 1);
        double processBenchRate = measure(processBench, rounds);
        return new Result(math500.size(), math500Rate, processBench.size(), processBenchRate,
                agreement(processBench), rounds);
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

    private static double measure(List<GradingCorpus.Case> cases, int rounds) {
        AnswerGrader markers = new AnswerGrader(ExtractionOptions.markersOnly());
        AnswerGrader lastNumber = new AnswerGrader(ExtractionOptions.withLastNumberFallback());
        long start = System.nanoTime();
        int correct = 0;
        for (int round = 0; round < rounds; round++) {
            for (GradingCorpus.Case c : cases) {
                AnswerGrader grader = c.options().lastNumberFallback() ? lastNumber : markers;
                if (grader.grade(c.completion(), c.reference()).correct()) {
                    correct++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // 'correct' keeps the work observable so the JIT cannot drop it
        return correct >= 0 ? cases.size() * (double) rounds / seconds : 0;
    }
}
