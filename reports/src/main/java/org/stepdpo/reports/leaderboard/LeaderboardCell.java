package org.stepdpo.reports.leaderboard;

import java.time.Instant;

import org.stepdpo.metrics.WilsonInterval;

/**
 * Accuracy of one model on one benchmark, from the latest finished evaluation run.
 *
 * @param accuracy correct / n
 * @param interval 95% Wilson interval of the accuracy
 * @param n        number of graded samples
 */
public record LeaderboardCell(long runId, double accuracy, WilsonInterval interval, int correct, int n,
        Instant finishedAt) {
}
