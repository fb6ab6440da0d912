package org.stepdpo.reports.report;

import java.time.Instant;

import org.stepdpo.reports.metrics.JudgeAgreement;

/**
 * One step judge on one labelled benchmark split (its newest finished judge run): the ProcessBench scores.
 *
 * @param judge     the judge's name as stored as the run's model, e.g. {@code llm(gpt-4o)}
 * @param benchmark the labelled split, e.g. {@code processbench-gsm8k}
 * @param agreement acc_err, acc_ok and F1 with their counts
 */
public record JudgeBoardRow(long runId, String judge, String benchmark, String suite, Instant finishedAt,
        JudgeAgreement agreement) {
}
