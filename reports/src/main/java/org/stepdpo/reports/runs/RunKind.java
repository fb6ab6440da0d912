package org.stepdpo.reports.runs;

/**
 * What produced a run: an evaluation, a whole Step-DPO pipeline iteration, a training job, or a step judge scored
 * against gold first-error labels (ProcessBench; its samples carry the judge's finding and the label).
 */
public enum RunKind {
    EVAL, PIPELINE, TRAIN, JUDGE;

    /** Whether runs of this kind score a step judge (their pages lead with acc_err, acc_ok and F1). */
    public boolean scoresJudge() {
        return this == JUDGE;
    }
}
