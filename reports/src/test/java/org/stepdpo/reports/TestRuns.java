package org.stepdpo.reports;

import java.util.List;
import java.util.UUID;

import org.stepdpo.reports.runs.NewRun;
import org.stepdpo.reports.runs.PairSetCounts;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.SampleRecord;
import org.stepdpo.reports.runs.StepRecord;
import org.stepdpo.reports.runs.StepVerdict;
import org.stepdpo.reports.runs.TrainingMetric;

/**
 * Stored runs with known contents for the API, dashboard and export tests: each call uses a fresh model name,
 * so tests sharing the database do not see each other's rows on the leaderboard.
 */
public final class TestRuns {

    /** Ids of an evaluated "before" run, an "after" run on the same problems, and a training run. */
    public record Seeded(String model, String modelAfter, long before, long after, long training, long wrongSampleId,
            String judge, long judgeRun, long dpoTraining) {
    }

    /** The seeded judge run's ProcessBench scores: 2 of 3 erroneous items named exactly, 1 of 2 correct ones. */
    public static final double JUDGE_ACC_ERR = 2 / 3.0;
    public static final double JUDGE_ACC_OK = 1 / 2.0;
    public static final double JUDGE_F1 = 2 * JUDGE_ACC_ERR * JUDGE_ACC_OK / (JUDGE_ACC_ERR + JUDGE_ACC_OK);

    /** The step the judge marks as the first wrong one in problem p-1 of the "before" run. */
    public static final String WRONG_STEP = "Step 2: 3 × 4 = 11, so the total is 11.";
    public static final String JUDGE_REASON = "3 × 4 is 12, not 11.";

    private TestRuns() {
    }

    public static Seeded seed(RunStore store) {
        String model = "tiny-" + UUID.randomUUID().toString().substring(0, 8);
        String after = model + "-stepdpo";
        long before = store.startRun(eval(model));
        store.addProblems(before, List.of(new org.stepdpo.reports.runs.ProblemText("p-1",
                "There are 3 boxes with $4$ apples each. How many apples?", "12")));
        store.addSamples(before, List.of(
                sample("p-0", 0, true, "12", "Level 1", "arith", null, null, 2),
                wrongWithLocatedStep(),
                sample("p-2", 2, false, "5", "Level 2", "arith", 0, 0, 3),
                sample("p-3", 3, true, "9", "Level 2", "algebra", null, -1, 2)));
        store.finishRun(before);
        long afterId = store.startRun(eval(after));
        store.addSamples(afterId, List.of(
                sample("p-0", 0, true, "12", "Level 1", "arith", null, null, 2),
                sample("p-1", 1, true, "12", "Level 1", "arith", null, null, 3),
                sample("p-2", 2, true, "7", "Level 2", "arith", null, 0, 3),
                sample("p-3", 3, true, "9", "Level 2", "algebra", null, -1, 2)));
        store.finishRun(afterId);

        long training = store.startRun(new NewRun(RunKind.TRAIN, "step-dpo of " + model, after, "arith", null, null,
                "{\"method\":\"step-dpo\",\"beta\":0.4}", "0.1.0", null, "CPU (2 cores)", null));
        store.addTrainingMetrics(training, List.of(
                new TrainingMetric(0, 0.0, 0.6931, 0.0, 0.0, 0.0, 0.0, 1e-5, 1.5, 900.0, null),
                new TrainingMetric(1, 0.5, 0.61, 0.62, 0.21, 0.12, -0.09, 1e-5, 1.2, 910.0, null),
                new TrainingMetric(2, 1.0, 0.52, 0.81, 0.45, 0.25, -0.2, 1e-5, 1.1, 905.0, null)));
        store.recordPairSet(training, new PairSetCounts(0, 4, 16, 6, 5, 4, 9, "/tmp/pairs.jsonl"));
        store.finishRun(training);

        // Vanilla DPO from the same starting model on the same budget: its curves go beside Step-DPO's.
        long dpo = store.startRun(new NewRun(RunKind.TRAIN, "dpo of " + model, after, "arith", null, null,
                "{\"method\":\"dpo\",\"beta\":0.4}", "0.1.0", null, "CPU (2 cores)", null));
        store.addTrainingMetrics(dpo, List.of(
                new TrainingMetric(0, 0.0, 0.6931, 0.0, 0.0, 0.0, 0.0, 1e-5, 1.5, 900.0, null),
                new TrainingMetric(1, 0.5, 0.66, 0.55, 0.08, 0.05, -0.03, 1e-5, 1.3, 910.0, null),
                new TrainingMetric(2, 1.0, 0.63, 0.6, 0.12, 0.07, -0.05, 1e-5, 1.2, 905.0, null)));
        store.finishRun(dpo);

        long wrongId = store.samples(before, 1, 1).get(0).id();
        String judge = "judge-" + model;
        long judgeRun = store.startRun(new NewRun(RunKind.JUDGE, "judge-eval processbench-test " + judge, judge,
                "processbench-test", "processbench-test", "/data/processbench/test.json", "{\"seed\":1}", "0.1.0", null,
                "CPU (2 cores)", null));
        store.addSamples(judgeRun, List.of(
                sample("q-0", 0, true, "1", null, null, null, -1, 3),   // correct, called correct
                sample("q-1", 1, false, "2", null, null, 1, 1, 3),      // erroneous, named exactly
                sample("q-2", 2, false, "3", null, null, 2, 0, 3),      // erroneous, named too late
                sample("q-3", 3, true, "4", null, null, 0, -1, 3),      // correct, false alarm
                sample("q-4", 4, false, "5", null, null, 2, 2, 3)));    // erroneous, named exactly
        store.finishRun(judgeRun);
        return new Seeded(model, after, before, afterId, training, wrongId, judge, judgeRun, dpo);
    }

    /** An evaluated run whose one sample is written in LaTeX, as MATH completions are, and the sample's id. */
    public record MathRun(long run, long sampleId) {
    }

    /** Steps of the math sample: inline, display and bare boxed math, one broken formula, markup as text. */
    public static final String MATH_INLINE = "Half of 20 is $\\frac{1}{2} \\cdot 20 = 10$.";
    public static final String MATH_DISPLAY = "Check: \\[ 2 \\times 10 = 20 \\] and \\(10 > 0\\).";
    public static final String MATH_BROKEN = "Broken on purpose: $\\frac{1}$ and <b>not bold</b>"
            + " and $\\href{javascript:alert(1)}{a link}$.";
    public static final String MATH_BOXED = "The answer is \\boxed{10}.";
    public static final String MATH_ANSWER = "\\frac{20}{2}";
    public static final String MATH_REASON = "Right: $\\frac{1}{2}$ of 20.";

    public static MathRun seedMath(RunStore store) {
        long run = store.startRun(eval("math-" + UUID.randomUUID().toString().substring(0, 8)));
        List<String> texts = List.of(MATH_INLINE, MATH_DISPLAY, MATH_BROKEN, MATH_BOXED);
        String completion = String.join("\n", texts);
        List<StepRecord> steps = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            steps.add(new StepRecord(i, text, start, start + text.length(), StepVerdict.CORRECT,
                    i == 0 ? MATH_REASON : null));
            start += text.length() + 1;
        }
        store.addSamples(run, List.of(new SampleRecord("m-0", 0, 0, completion, MATH_ANSWER, true, "Level 1", "algebra",
                null, steps)));
        store.finishRun(run);
        return new MathRun(run, store.samples(run, 0, 1).get(0).id());
    }

    private static NewRun eval(String model) {
        return new NewRun(RunKind.EVAL, "eval arith " + model, model, "arith", null, "/data/arith.jsonl",
                "{\"seed\":1}", "0.1.0", "abc123", "CPU (2 cores)", null);
    }

    /** p-1: final answer 11 (wrong), first wrong step 2 with the judge's reason; gold label agrees. */
    private static SampleRecord wrongWithLocatedStep() {
        String s1 = "Step 1: There are 3 boxes with 4 apples each.";
        String text = s1 + "\n" + WRONG_STEP + "\nStep 3: The answer is 11.";
        int s2 = s1.length() + 1;
        int s3 = s2 + WRONG_STEP.length() + 1;
        return new SampleRecord("p-1", 1, 0, text, "11", false, "Level 1", "arith", 1, 1, List.of(
                new StepRecord(0, s1, 0, s1.length(), StepVerdict.CORRECT, "Restates the problem."),
                new StepRecord(1, WRONG_STEP, s2, s2 + WRONG_STEP.length(), StepVerdict.INCORRECT, JUDGE_REASON),
                new StepRecord(2, "Step 3: The answer is 11.", s3, text.length(), null, null)));
    }

    private static SampleRecord sample(String id, int index, boolean correct, String answer, String level, String subject,
            Integer firstError, Integer gold, int nSteps) {
        StringBuilder text = new StringBuilder();
        List<StepRecord> steps = new java.util.ArrayList<>();
        for (int i = 0; i < nSteps; i++) {
            String step = "Step " + (i + 1) + ": work on " + id + (i == nSteps - 1 ? ", answer " + answer : "");
            int start = text.length();
            text.append(step).append('\n');
            StepVerdict verdict = firstError == null ? StepVerdict.CORRECT
                    : i < firstError ? StepVerdict.CORRECT : i == firstError ? StepVerdict.INCORRECT : null;
            steps.add(new StepRecord(i, step, start, start + step.length(), verdict, null));
        }
        return new SampleRecord(id, index, 0, text.toString(), answer, correct, level, subject, firstError, gold, steps);
    }
}
