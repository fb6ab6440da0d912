package org.stepdpo.reports.leaderboard;

import java.time.Instant;

/**
 * One finished evaluation, the raw material of a leaderboard cell.
 *
 * @param correct problems whose first sample is right (the accuracy's numerator)
 * @param n       problems (its denominator)
 */
public record LeaderboardEntry(long runId, String model, String benchmark, int correct, int n, Instant finishedAt) {
}
