package org.stepdpo.reports.runs;

/** A step judge's verdict on one step; steps the judge did not look at carry none (null). */
public enum StepVerdict {
    CORRECT, INCORRECT, NEUTRAL
}
