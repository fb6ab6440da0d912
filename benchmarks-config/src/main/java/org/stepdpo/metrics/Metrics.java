package org.stepdpo.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one definition of each metric (docs/METRICS.md, which states numerator, denominator, exclusions and what
 * null means). The demo's table, eval summaries, stored run summaries, the dashboard, the exports and the
 * regression baselines all call these functions; none computes a metric itself.
 */
public final class Metrics {

    private Metrics() {
    }

    // ---- answers -----------------------------------------------------------------------------------------

    /** Accuracy: problems whose first sample (lowest sample index; greedy: the only one) is right / problems. */
    public static Share accuracy(List<ScoredSample> samples) {
        Map<String, List<ScoredSample>> problems = byProblem(samples);
        int right = 0;
        for (List<ScoredSample> p : problems.values()) {
            right += p.get(0).correct() ? 1 : 0;
        }
        return new Share(right, problems.size());
    }

    /** pass@1: mean over problems of the share of the problem's samples that are right (= pass@k at k = 1). */
    public static Double passAt1(List<ScoredSample> samples) {
        return passAtK(samples, 1);
    }

    /**
     * pass@k, the unbiased estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained on Code", eq. 1):
     * for a problem with n samples of which c are right, 1 − C(n−c, k) / C(n, k), averaged over problems. Null when
     * there are no problems or some problem has fewer than k samples (the estimator needs n &gt;= k).
     */
    public static Double passAtK(List<ScoredSample> samples, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("pass@k needs k >= 1; got " + k);
        }
        Map<String, List<ScoredSample>> problems = byProblem(samples);
        double sum = 0;
        for (List<ScoredSample> p : problems.values()) {
            int n = p.size();
            if (n < k) {
                return null;
            }
            int c = (int) p.stream().filter(ScoredSample::correct).count();
            sum += 1 - allWrongChance(n, c, k);
        }
        return problems.isEmpty() ? null : sum / problems.size();
    }

    /** C(n−c, k) / C(n, k) as the product over i = n−c+1..n of (1 − k/i): Chen et al.'s overflow-free form. */
    private static double allWrongChance(int n, int c, int k) {
        if (n - c < k) {
            return 0;
        }
        double chance = 1;
        for (int i = n - c + 1; i <= n; i++) {
            chance *= 1 - (double) k / i;
        }
        return chance;
    }

    /**
     * maj@k: problems whose majority answer over their first k samples (by sample index; all of them when a problem
     * has fewer) is right / problems. The vote is {@link #majorityIsRight}.
     */
    public static Share majAtK(List<ScoredSample> samples, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("maj@k needs k >= 1; got " + k);
        }
        Map<String, List<ScoredSample>> problems = byProblem(samples);
        int right = 0;
        for (List<ScoredSample> p : problems.values()) {
            right += majorityIsRight(p.subList(0, Math.min(k, p.size()))) ? 1 : 0;
        }
        return new Share(right, problems.size());
    }

    /**
     * The majority vote over one problem's samples, given in sample order. Right answers vote together: the grader
     * found each equivalent to the reference, so they are equivalent to each other at no extra cost. Wrong answers
     * vote by their extracted text with all whitespace removed: telling two wrong answers equivalent would take a
     * grader call per pair. Samples without an extracted answer do not vote. The group with the most votes wins; a
     * tie goes to the tied group whose first vote has the lowest sample index. No votes at all: not right.
     */
    public static boolean majorityIsRight(List<ScoredSample> problemSamples) {
        String right = "\u0000right";
        Map<String, Integer> votes = new LinkedHashMap<>();   // insertion order = order of each group's first vote
        for (ScoredSample s : problemSamples) {
            if (s.extractedAnswer() != null) {
                votes.merge(s.correct() ? right : s.extractedAnswer().replaceAll("\\s+", ""), 1, Integer::sum);
            }
        }
        String winner = null;
        int best = 0;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > best) {   // strictly more: an earlier group keeps a tie
                winner = e.getKey();
                best = e.getValue();
            }
        }
        return right.equals(winner);
    }

    /** Mean number of steps per sample, over all samples. */
    public static Mean meanSteps(List<ScoredSample> samples) {
        return new Mean(samples.stream().mapToLong(ScoredSample::steps).sum(), samples.size());
    }

    // ---- steps, as the step judge saw them -------------------------------------------------------------------

    /**
     * The population of {@link #firstErrorPosition}: wrong answers in which the judge located a first wrong step.
     * A distribution of first-error positions shown beside the mean is over these same samples.
     */
    public static List<ScoredSample> wrongWithLocatedError(List<ScoredSample> samples) {
        return samples.stream().filter(s -> !s.correct() && s.firstErrorIndex() != null).toList();
    }

    /** First-error position: mean 1-based position of the first wrong step over {@link #wrongWithLocatedError}. */
    public static Mean firstErrorPosition(List<ScoredSample> samples) {
        List<ScoredSample> located = wrongWithLocatedError(samples);
        return new Mean(located.stream().mapToLong(ScoredSample::firstErrorPosition).sum(), located.size());
    }

    /** Right answers in which the judge found a wrong step / right answers the judge assessed (judged). */
    public static Share rightThroughWrongStep(List<ScoredSample> samples) {
        int assessed = 0;
        int throughWrong = 0;
        for (ScoredSample s : samples) {
            if (s.correct() && s.judged()) {
                assessed++;
                throughWrong += s.firstErrorIndex() != null ? 1 : 0;
            }
        }
        return new Share(throughWrong, assessed);
    }

    /** Process accuracy: judged samples with a right final answer and no step judged wrong / judged samples. */
    public static Share processAccuracy(List<ScoredSample> samples) {
        int judged = 0;
        int clean = 0;
        for (ScoredSample s : samples) {
            if (s.judged()) {
                judged++;
                clean += s.correct() && s.firstErrorIndex() == null ? 1 : 0;
            }
        }
        return new Share(clean, judged);
    }

    // ---- grouping ----------------------------------------------------------------------------------------------

    /** Samples by problem key, problems in first-seen order, each problem's samples by sample index. */
    public static Map<String, List<ScoredSample>> byProblem(List<ScoredSample> samples) {
        Map<String, List<ScoredSample>> problems = new LinkedHashMap<>();
        for (ScoredSample s : samples) {
            problems.computeIfAbsent(s.problemKey(), key -> new ArrayList<>()).add(s);
        }
        problems.values().forEach(p -> p.sort(Comparator.comparingInt(ScoredSample::sampleIndex)));
        return problems;
    }

    /** The most samples any problem has: the k of a run's pass@k and maj@k (0 without samples). */
    public static int samplesPerProblem(List<ScoredSample> samples) {
        return byProblem(samples).values().stream().mapToInt(List::size).max().orElse(0);
    }
}
