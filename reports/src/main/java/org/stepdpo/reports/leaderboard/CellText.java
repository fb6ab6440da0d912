package org.stepdpo.reports.leaderboard;

import java.util.Locale;

/** The human-readable cell shared by the text table and Markdown: "61.2 (58.1-64.2) n=200/500 partial". */
final class CellText {

    static final String MISSING = "-";

    static final String LEGEND = "Accuracy in %, 95% Wilson interval in parentheses, n = problems evaluated / problems in "
            + "the data file (each counted by its first sample, docs/METRICS.md); partial: fewer problems than the "
            + "data file, not comparable with complete runs.";

    private CellText() {
    }

    static String of(LeaderboardCell cell) {
        return accuracy(cell) + " n=" + cell.coverage() + (cell.partial() ? " partial" : "");
    }

    static String accuracy(LeaderboardCell cell) {
        return String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", 100 * cell.accuracy(), 100 * cell.interval().low(),
                100 * cell.interval().high());
    }

    static String of(LeaderboardRow row, String benchmark) {
        return row.cell(benchmark).map(CellText::of).orElse(MISSING);
    }

    static String percent(Double share) {
        return share == null ? MISSING : String.format(Locale.ROOT, "%.1f", 100 * share);
    }
}
