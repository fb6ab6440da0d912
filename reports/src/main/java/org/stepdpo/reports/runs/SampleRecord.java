package org.stepdpo.reports.runs;

import java.util.List;

import org.stepdpo.metrics.ScoredSample;

/**
 * One graded completion of one problem, with its steps.
 *
 * @param problemId       the problem's stable id
 * @param problemIndex    0-based row of the problem in the data file
 * @param sampleIndex     0-based number of this completion among the problem's samples
 * @param completion      the completion text
 * @param extractedAnswer the final answer extracted from it, or null when none was found
 * @param correct         whether the extracted answer matches the reference
 * @param level           difficulty level from the data (MATH "Level 5"), or null
 * @param subject         subject or type from the data, or null
 * @param firstErrorStep  0-based index of the first wrong step as the judge found it, or null (not judged or
 *                        no wrong step)
 * @param goldFirstError  gold label of a labelled benchmark (ProcessBench): 0-based index of the earliest wrong
 *                        step, -1 when every step is right, or null when the data has no label
 * @param steps           the steps in order; may be empty
 */
public record SampleRecord(
        String problemId,
        int problemIndex,
        int sampleIndex,
        String completion,
        String extractedAnswer,
        boolean correct,
        String level,
        String subject,
        Integer firstErrorStep,
        Integer goldFirstError,
        List<StepRecord> steps) {

    /** A sample without a gold step label (every benchmark but the labelled ones). */
    public SampleRecord(String problemId, int problemIndex, int sampleIndex, String completion, String extractedAnswer,
            boolean correct, String level, String subject, Integer firstErrorStep, List<StepRecord> steps) {
        this(problemId, problemIndex, sampleIndex, completion, extractedAnswer, correct, level, subject, firstErrorStep,
                null, steps);
    }

    public SampleRecord {
        String where = "sample (problem index " + problemIndex + ", sample index " + sampleIndex + ")";
        if (problemId == null || problemId.isBlank()) {
            throw new IllegalArgumentException(where + " has no problem id");
        }
        if (problemIndex < 0 || sampleIndex < 0) {
            throw new IllegalArgumentException(where + ": indexes must not be negative");
        }
        if (completion == null) {
            throw new IllegalArgumentException(where + " has no completion text");
        }
        steps = steps == null ? List.of() : List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).index() != i) {
                throw new IllegalArgumentException(where + ": step at position " + i + " has index "
                        + steps.get(i).index() + "; steps must be numbered 0, 1, 2... in order");
            }
        }
        if (firstErrorStep != null && (firstErrorStep < 0 || firstErrorStep >= steps.size())) {
            throw new IllegalArgumentException(where + ": first error step " + firstErrorStep + " is outside its "
                    + steps.size() + " steps");
        }
        if (goldFirstError != null && (goldFirstError < -1 || goldFirstError >= steps.size())) {
            throw new IllegalArgumentException(where + ": gold first error " + goldFirstError + " is neither -1 (all"
                    + " steps right) nor one of its " + steps.size() + " steps");
        }
    }

    /** The sample as the metrics see it (docs/METRICS.md); the same as its stored {@link SampleOutcome#scored()}. */
    public ScoredSample scored() {
        return new ScoredSample(problemId, sampleIndex, correct, steps.size(), judged(), firstErrorStep, extractedAnswer);
    }

    /** Whether a judge looked at this sample: it found a wrong step or gave at least one step a verdict. */
    public boolean judged() {
        return firstErrorStep != null || steps.stream().anyMatch(s -> s.verdict() != null);
    }

    /**
     * Whether the judge's finding equals the gold label (ProcessBench's exact match: the same first wrong step, or
     * no wrong step for a correct solution); false when the judge gave no verdict; null without a gold label.
     */
    public Boolean judgeAgreesWithGold() {
        if (goldFirstError == null) {
            return null;
        }
        return judged() && goldFirstError == (firstErrorStep == null ? -1 : firstErrorStep);
    }
}
