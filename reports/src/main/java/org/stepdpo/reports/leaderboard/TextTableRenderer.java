package org.stepdpo.reports.leaderboard;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for the terminal: accuracy in percent with its 95% Wilson interval and n. */
public final class TextTableRenderer implements LeaderboardRenderer {

    @Override
    public String render(Leaderboard board) {
        if (board.isEmpty()) {
            return "No finished evaluation runs yet.\n";
        }
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("model");
        header.addAll(board.benchmarks());
        lines.add(header);
        for (LeaderboardRow row : board.rows()) {
            List<String> line = new ArrayList<>();
            line.add(row.model());
            board.benchmarks().forEach(b -> line.add(CellText.of(row, b)));
            lines.add(line);
        }
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int c = 0; c < line.size(); c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, lines.get(0), widths);
        for (int c = 0; c < widths.length; c++) {
            out.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.append('\n');
        lines.stream().skip(1).forEach(line -> appendLine(out, line, widths));
        out.append("Accuracy in %, 95% Wilson interval in parentheses, n = problems (each counted by its first sample, docs/METRICS.md).\n");
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> line, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < line.size(); c++) {
            if (c > 0) {
                text.append("  ");
            }
            String cell = line.get(c);
            // Model names align left, numbers right.
            text.append(c == 0 ? cell + " ".repeat(widths[c] - cell.length()) : " ".repeat(widths[c] - cell.length()) + cell);
        }
        out.append(text.toString().stripTrailing()).append('\n');
    }
}
