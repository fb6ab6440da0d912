package org.stepdpo.judges;

/** A judge's verdict on one step, as in the paper's protocol. */
public enum Verdict {
    /** The step is right and moves towards the answer. */
    CORRECT,
    /** The step is harmless but does not help (restating the question, a remark). */
    NEUTRAL,
    /** The step is wrong: calculation, logic, or use of the problem's facts. */
    INCORRECT
}
