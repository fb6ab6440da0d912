package org.stepdpo.reports.leaderboard;

import org.stepdpo.reports.report.MarkdownText;

/** GitHub-flavoured Markdown: one ranked table per benchmark, then the comparable means and the self-checks. */
public final class MarkdownRenderer implements LeaderboardRenderer {

    @Override
    public String render(Leaderboard board) {
        StringBuilder out = new StringBuilder();
        for (BoardSections.Section s : BoardSections.of(board)) {
            out.append("### ").append(MarkdownText.cell(s.title())).append("\n\n");
            var table = s.table();
            out.append("| ").append(String.join(" | ", table.get(0).stream().map(MarkdownText::cell).toList())).append(" |\n");
            out.append("|").append("---|".repeat(table.get(0).size())).append('\n');
            table.stream().skip(1).forEach(r -> out.append("| ")
                    .append(String.join(" | ", r.stream().map(MarkdownText::cell).toList())).append(" |\n"));
            out.append('\n');
        }
        out.append(CellText.LEGEND).append('\n');
        return out.toString();
    }
}
