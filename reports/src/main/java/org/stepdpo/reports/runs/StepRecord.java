package org.stepdpo.reports.runs;

/**
 * One step of a completion.
 *
 * @param index       0-based position of the step in its completion
 * @param text        the step's exact text
 * @param charStart   start offset of the step in the completion (inclusive)
 * @param charEnd     end offset of the step in the completion (exclusive)
 * @param verdict     the judge's verdict, or null when the step was not judged
 * @param judgeReason the judge's explanation, or null
 */
public record StepRecord(int index, String text, int charStart, int charEnd, StepVerdict verdict, String judgeReason) {

    public StepRecord {
        if (index < 0) {
            throw new IllegalArgumentException("step index " + index + " is negative");
        }
        if (text == null) {
            throw new IllegalArgumentException("step " + index + " has no text");
        }
        if (charStart < 0 || charEnd < charStart) {
            throw new IllegalArgumentException("step " + index + " has span [" + charStart + ", " + charEnd
                    + "); expected 0 <= start <= end");
        }
    }
}
