package org.stepdpo.reports.leaderboard;

import java.util.Locale;

/** The human-readable cell shared by the text table and Markdown: "61.2 (58.1-64.2) n=1000". */
final class CellText {

    static final String MISSING = "-";

    private CellText() {
    }

    static String of(LeaderboardCell cell) {
        return String.format(Locale.ROOT, "%.1f (%.1f-%.1f) n=%d", 100 * cell.accuracy(), 100 * cell.interval().low(),
                100 * cell.interval().high(), cell.n());
    }

    static String of(LeaderboardRow row, String benchmark) {
        return row.cell(benchmark).map(CellText::of).orElse(MISSING);
    }
}
