package org.stepdpo.judges;

import java.util.Objects;

/**
 * The verdict on one step.
 *
 * @param index   0-based step index
 * @param verdict correct, neutral or incorrect
 * @param reason  why, in a few words (the judge's own words for the LLM judge)
 */
public record StepAssessment(int index, Verdict verdict, String reason) {
    public StepAssessment {
        Objects.requireNonNull(verdict, "verdict");
        reason = reason == null ? "" : reason;
    }
}
