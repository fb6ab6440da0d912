package org.stepdpo.reports.runs;

/**
 * Life cycle of a run: RUNNING until {@code finishRun} or {@code failRun}. INTERRUPTED is never stored: it is how a
 * RUNNING run reads once the process that ran it is gone ({@link RunOwner}); resuming it makes it RUNNING again.
 */
public enum RunStatus {
    RUNNING, FINISHED, FAILED, INTERRUPTED
}
