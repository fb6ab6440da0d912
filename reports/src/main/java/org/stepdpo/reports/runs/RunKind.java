package org.stepdpo.reports.runs;

/** What produced a run: an evaluation, a whole Step-DPO pipeline iteration, or a training job. */
public enum RunKind {
    EVAL, PIPELINE, TRAIN
}
