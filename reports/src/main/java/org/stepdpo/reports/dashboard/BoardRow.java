package org.stepdpo.reports.dashboard;

import java.util.List;

import org.stepdpo.reports.leaderboard.LeaderboardCell;

/** A leaderboard row with its cells in column order; a benchmark the model was not run on has a null cell. */
public record BoardRow(int rank, String model, double meanAccuracy, List<LeaderboardCell> cells) {
}
