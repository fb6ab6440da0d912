package org.stepdpo.reports.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.stepdpo.metrics.WilsonInterval;
import org.stepdpo.reports.runs.SampleOutcome;

/**
 * The metrics of one run, computed from its stored samples.
 *
 * @param overall  answer accuracy over all samples
 * @param byLevel  the same per difficulty level (levels in name order; samples without a level left out)
 * @param bySubject the same per subject
 * @param steps    per-step metrics
 * @param judge    agreement with gold step labels, or null when no sample carries one
 */
public record RunMetrics(GroupMetrics overall, List<GroupMetrics> byLevel, List<GroupMetrics> bySubject,
        StepMetrics steps, JudgeAgreement judge) {

    static final int RELATIVE_BINS = 10;

    /** Computes the metrics; {@code samples} in problem then sample order, as {@code RunStore.outcomes} reads them. */
    public static RunMetrics of(List<SampleOutcome> samples) {
        return new RunMetrics(group("all", samples), groups(samples, SampleOutcome::level),
                groups(samples, SampleOutcome::subject), steps(samples), judge(samples));
    }

    private static List<GroupMetrics> groups(List<SampleOutcome> samples, Function<SampleOutcome, String> key) {
        Map<String, List<SampleOutcome>> byGroup = new TreeMap<>();
        for (SampleOutcome s : samples) {
            String g = key.apply(s);
            if (g != null && !g.isBlank()) {
                byGroup.computeIfAbsent(g, x -> new ArrayList<>()).add(s);
            }
        }
        List<GroupMetrics> result = new ArrayList<>();
        byGroup.forEach((g, list) -> result.add(group(g, list)));
        return result;
    }

    static GroupMetrics group(String name, List<SampleOutcome> samples) {
        Map<String, List<SampleOutcome>> byProblem = byProblem(samples);
        int correct = 0;
        int noAnswer = 0;
        for (SampleOutcome s : samples) {
            correct += s.correct() ? 1 : 0;
            noAnswer += s.extractedAnswer() == null ? 1 : 0;
        }
        double passAt1 = 0;
        int k = 0;
        int majorityRight = 0;
        for (List<SampleOutcome> problem : byProblem.values()) {
            passAt1 += problem.stream().filter(SampleOutcome::correct).count() / (double) problem.size();
            k = Math.max(k, problem.size());
            majorityRight += MajorityVote.isRight(problem) ? 1 : 0;
        }
        int n = samples.size();
        int problems = byProblem.size();
        return new GroupMetrics(name, problems, n, correct, n == 0 ? 0 : correct / (double) n,
                WilsonInterval.of95(correct, n), problems == 0 ? 0 : passAt1 / problems,
                k > 1 ? majorityRight / (double) problems : null, k, noAnswer);
    }

    /** Samples grouped by problem id, in first-seen order. */
    public static Map<String, List<SampleOutcome>> byProblem(List<SampleOutcome> samples) {
        Map<String, List<SampleOutcome>> byProblem = new LinkedHashMap<>();
        for (SampleOutcome s : samples) {
            byProblem.computeIfAbsent(s.problemId(), id -> new ArrayList<>()).add(s);
        }
        return byProblem;
    }

    private static StepMetrics steps(List<SampleOutcome> samples) {
        long steps = 0;
        int judged = 0;
        int processCorrect = 0;
        int rightAnswers = 0;
        int rightThroughWrong = 0;
        TreeMap<Integer, Integer> byPosition = new TreeMap<>();
        int[] relative = new int[RELATIVE_BINS];
        for (SampleOutcome s : samples) {
            steps += s.nSteps();
            if (!s.judged()) {
                continue;
            }
            judged++;
            Integer k = s.firstErrorStep();
            processCorrect += k == null ? 1 : 0;
            if (s.correct()) {
                rightAnswers++;
                rightThroughWrong += k == null ? 0 : 1;
            }
            if (k != null) {
                byPosition.merge(k + 1, 1, Integer::sum);
                // Position k+1 of n steps lies in (0, 1]; tenth i holds (i/10, (i+1)/10].
                double share = (k + 1) / (double) s.nSteps();
                relative[Math.min(RELATIVE_BINS - 1, (int) Math.ceil(share * RELATIVE_BINS - 1e-9) - 1)]++;
            }
        }
        List<StepMetrics.Bin> absolute = new ArrayList<>();
        if (!byPosition.isEmpty()) {
            for (int p = 1; p <= byPosition.lastKey(); p++) {
                absolute.add(new StepMetrics.Bin("step " + p, byPosition.getOrDefault(p, 0)));
            }
        }
        List<StepMetrics.Bin> tenths = new ArrayList<>();
        for (int i = 0; i < RELATIVE_BINS; i++) {
            tenths.add(new StepMetrics.Bin((i * 10) + "–" + ((i + 1) * 10) + "%", relative[i]));
        }
        return new StepMetrics(samples.isEmpty() ? 0 : steps / (double) samples.size(), judged, processCorrect,
                judged == 0 ? null : processCorrect / (double) judged, rightAnswers, rightThroughWrong,
                rightAnswers == 0 ? null : rightThroughWrong / (double) rightAnswers, absolute,
                byPosition.isEmpty() ? List.of() : tenths);
    }

    private static JudgeAgreement judge(List<SampleOutcome> samples) {
        List<JudgeAgreement.Item> items = new ArrayList<>();
        for (SampleOutcome s : samples) {
            if (s.goldFirstError() != null) {
                Integer predicted = !s.judged() ? null : s.firstErrorStep() == null ? -1 : s.firstErrorStep();
                items.add(new JudgeAgreement.Item(s.goldFirstError(), predicted));
            }
        }
        return JudgeAgreement.score(items);
    }
}
