package org.stepdpo.reports.dashboard;

import org.stepdpo.reports.runs.StepRecord;

/**
 * A step as the sample page shows it.
 *
 * @param firstError     the judge's first wrong step (highlighted)
 * @param afterError     a step after the first wrong one (dimmed: the judge stops there)
 * @param goldFirstError the labelled earliest wrong step of a labelled benchmark
 */
public record StepView(int number, StepRecord step, boolean firstError, boolean afterError, boolean goldFirstError) {

    public String verdictName() {
        return step.verdict() == null ? "not judged" : step.verdict().name().toLowerCase();
    }
}
