package org.stepdpo.reports.leaderboard;

import org.stepdpo.reports.report.MarkdownText;

/** A GitHub-flavoured Markdown table. */
public final class MarkdownRenderer implements LeaderboardRenderer {

    @Override
    public String render(Leaderboard board) {
        StringBuilder out = new StringBuilder("| model |");
        board.benchmarks().forEach(b -> out.append(' ').append(escape(b)).append(" |"));
        out.append("\n|---|");
        board.benchmarks().forEach(b -> out.append("---:|"));
        out.append('\n');
        for (LeaderboardRow row : board.rows()) {
            out.append("| ").append(escape(row.model())).append(" |");
            board.benchmarks().forEach(b -> out.append(' ').append(CellText.of(row, b)).append(" |"));
            out.append('\n');
        }
        out.append("\nAccuracy in %, 95% Wilson interval in parentheses, n = problems (each counted by its first sample, docs/METRICS.md).\n");
        return out.toString();
    }

    private static String escape(String text) {
        return MarkdownText.cell(text);
    }
}
