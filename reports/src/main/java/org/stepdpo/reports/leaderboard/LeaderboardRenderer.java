package org.stepdpo.reports.leaderboard;

/** Renders a leaderboard as text in one format; the result ends with a newline. */
public interface LeaderboardRenderer {

    String render(Leaderboard leaderboard);
}
