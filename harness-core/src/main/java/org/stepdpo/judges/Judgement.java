package org.stepdpo.judges;

import java.util.List;
import java.util.OptionalInt;

/**
 * A step judge's answer for one solution.
 *
 * @param firstErrorIndex 0-based index of the first wrong step, or -1 when the judge found none (or could not decide)
 * @param assessments     the verdicts on the steps the judge looked at, in order; a judge stops at the first
 *                        wrong step, so later steps have none
 * @param undecided       why no verdict could be reached (e.g. an LLM reply that never parsed), or null
 */
public record Judgement(int firstErrorIndex, List<StepAssessment> assessments, String undecided) {

    public Judgement {
        assessments = List.copyOf(assessments);
        if (firstErrorIndex < -1) {
            throw new IllegalArgumentException("firstErrorIndex must be >= -1, got " + firstErrorIndex);
        }
        if (undecided != null && firstErrorIndex >= 0) {
            throw new IllegalArgumentException("an undecided judgement names no first error");
        }
    }

    public static Judgement firstErrorAt(int index, List<StepAssessment> assessments) {
        if (index < 0) {
            throw new IllegalArgumentException("first error index must be >= 0, got " + index);
        }
        return new Judgement(index, assessments, null);
    }

    public static Judgement allCorrect(List<StepAssessment> assessments) {
        return new Judgement(-1, assessments, null);
    }

    public static Judgement undecided(String why) {
        return new Judgement(-1, List.of(), why);
    }

    /** The judge's reason for the first wrong step, or null when it found none (or gave no reason). */
    public String firstErrorReason() {
        if (!hasError()) {
            return null;
        }
        return assessments.stream().filter(a -> a.index() == firstErrorIndex).map(StepAssessment::reason).findFirst()
                .orElse(null);
    }

    public boolean decided() {
        return undecided == null;
    }

    public boolean hasError() {
        return firstErrorIndex >= 0;
    }

    public OptionalInt firstError() {
        return hasError() ? OptionalInt.of(firstErrorIndex) : OptionalInt.empty();
    }
}
