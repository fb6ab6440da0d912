package org.stepdpo.reports.leaderboard;

import java.time.Instant;

/**
 * One finished evaluation, the raw material of a leaderboard cell.
 *
 * @param correct        problems whose first sample is right (the accuracy's numerator)
 * @param n              problems evaluated (its denominator)
 * @param problemsInData problems in the data file, when the run recorded it (a partial evaluation has n below it)
 * @param selfCheck      whether the run graded the data set's own reference solutions (not a model's answers)
 */
public record LeaderboardEntry(long runId, String model, String benchmark, int correct, int n, Instant finishedAt,
                               Integer problemsInData, boolean selfCheck) {

    /** An evaluation of all of its data's problems, by a model. */
    public LeaderboardEntry(long runId, String model, String benchmark, int correct, int n, Instant finishedAt) {
        this(runId, model, benchmark, correct, n, finishedAt, null, false);
    }

    boolean partial() {
        return problemsInData != null && n < problemsInData;
    }
}
