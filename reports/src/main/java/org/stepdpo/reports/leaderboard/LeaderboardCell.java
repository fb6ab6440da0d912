package org.stepdpo.reports.leaderboard;

import java.time.Instant;

import org.stepdpo.metrics.WilsonInterval;

/**
 * Accuracy of one model on one benchmark, from the latest finished evaluation run that covered all of its data (the
 * latest partial one only when there is no complete one).
 *
 * @param accuracy       correct / n (docs/METRICS.md)
 * @param interval       95% Wilson interval of the accuracy
 * @param correct        problems whose first (greedy: only) sample is right
 * @param n              problems evaluated
 * @param problemsInData problems in the data file, or null when the run did not record it
 */
public record LeaderboardCell(long runId, double accuracy, WilsonInterval interval, int correct, int n,
        Instant finishedAt, Integer problemsInData) {

    public LeaderboardCell(long runId, double accuracy, WilsonInterval interval, int correct, int n, Instant finishedAt) {
        this(runId, accuracy, interval, correct, n, finishedAt, null);
    }

    /** Whether the run evaluated fewer problems than its data file has. */
    public boolean partial() {
        return problemsInData != null && n < problemsInData;
    }

    /** "200/500" when the data's size is known, else "200". */
    public String coverage() {
        return problemsInData == null ? Integer.toString(n) : n + "/" + problemsInData;
    }
}
