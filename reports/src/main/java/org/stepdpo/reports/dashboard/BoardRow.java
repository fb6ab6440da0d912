package org.stepdpo.reports.dashboard;

import org.stepdpo.reports.leaderboard.LeaderboardCell;

/** One ranked line of a benchmark's table: the model's place, name and cell. */
public record BoardRow(int rank, String model, LeaderboardCell cell) {
}
