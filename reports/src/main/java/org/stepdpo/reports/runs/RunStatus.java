package org.stepdpo.reports.runs;

/** Life cycle of a run: RUNNING until {@code finishRun} or {@code failRun}. */
public enum RunStatus {
    RUNNING, FINISHED, FAILED
}
