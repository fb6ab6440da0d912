package org.stepdpo.reports.leaderboard;

import java.util.List;

/**
 * RFC 4180 CSV in long form, one line per (model, benchmark) cell, so that tools can pivot it as they like:
 * {@code model,benchmark,accuracy,ci_low,ci_high,correct,n,run_id,finished_at}. Shares are in [0, 1].
 */
public final class CsvRenderer implements LeaderboardRenderer {

    public static final List<String> COLUMNS =
            List.of("model", "benchmark", "accuracy", "ci_low", "ci_high", "correct", "n", "run_id", "finished_at");

    @Override
    public String render(Leaderboard board) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (LeaderboardRow row : board.rows()) {
            for (String benchmark : board.benchmarks()) {
                row.cell(benchmark).ifPresent(cell -> out.append(String.join(",",
                        quote(row.model()),
                        quote(benchmark),
                        Double.toString(cell.accuracy()),
                        Double.toString(cell.interval().low()),
                        Double.toString(cell.interval().high()),
                        Integer.toString(cell.correct()),
                        Integer.toString(cell.n()),
                        Long.toString(cell.runId()),
                        cell.finishedAt().toString())).append("\r\n"));
            }
        }
        return out.toString();
    }

    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
