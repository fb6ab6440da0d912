package org.stepdpo.reports.leaderboard;

import java.util.List;

/** Plain-text tables for the terminal: one ranking per benchmark, then the comparable means and the self-checks. */
public final class TextTableRenderer implements LeaderboardRenderer {

    @Override
    public String render(Leaderboard board) {
        if (board.isEmpty()) {
            return "No finished evaluation runs yet.\n";
        }
        StringBuilder out = new StringBuilder();
        for (BoardSections.Section s : BoardSections.of(board)) {
            out.append(out.isEmpty() ? "" : "\n").append(s.title()).append('\n');
            appendTable(out, s.table());
        }
        out.append('\n').append(CellText.LEGEND).append('\n');
        return out.toString();
    }

    private static void appendTable(StringBuilder out, List<List<String>> lines) {
        int[] widths = new int[lines.get(0).size()];
        for (List<String> line : lines) {
            for (int c = 0; c < line.size(); c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        appendLine(out, lines.get(0), widths);
        for (int c = 0; c < widths.length; c++) {
            out.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.append('\n');
        lines.stream().skip(1).forEach(line -> appendLine(out, line, widths));
    }

    private static void appendLine(StringBuilder out, List<String> line, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < line.size(); c++) {
            if (c > 0) {
                text.append("  ");
            }
            String cell = line.get(c);
            text.append(cell).append(" ".repeat(widths[c] - cell.length()));
        }
        out.append(text.toString().stripTrailing()).append('\n');
    }
}
