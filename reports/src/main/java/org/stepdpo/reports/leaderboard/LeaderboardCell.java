package org.stepdpo.reports.leaderboard;

import java.time.Instant;

import org.stepdpo.metrics.WilsonInterval;

/**
 * Accuracy of one model on one benchmark, from the latest finished evaluation run.
 *
 * @param accuracy correct / n (docs/METRICS.md)
 * @param interval 95% Wilson interval of the accuracy
 * @param correct  problems whose first (greedy: only) sample is right
 * @param n        problems evaluated
 */
public record LeaderboardCell(long runId, double accuracy, WilsonInterval interval, int correct, int n,
        Instant finishedAt) {
}
