package org.stepdpo.reports.leaderboard;

import java.util.List;

/**
 * RFC 4180 CSV in long form, one line per (model, benchmark) cell, so that tools can pivot it as they like:
 * {@code model,benchmark,accuracy,ci_low,ci_high,correct,n,problems_in_data,partial,self_check,run_id,finished_at}
 * ({@code problems_in_data} empty when the run did not record it). Shares are in [0, 1].
 */
public final class CsvRenderer implements LeaderboardRenderer {

    public static final List<String> COLUMNS =
            List.of("model", "benchmark", "accuracy", "ci_low", "ci_high", "correct", "n", "problems_in_data", "partial",
                    "self_check", "run_id", "finished_at");

    @Override
    public String render(Leaderboard board) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        board.rows().forEach(row -> append(out, row, false));
        board.selfChecks().forEach(row -> append(out, row, true));
        return out.toString();
    }

    private static void append(StringBuilder out, LeaderboardRow row, boolean selfCheck) {
        row.cells().keySet().stream().sorted().forEach(benchmark -> {
            LeaderboardCell cell = row.cells().get(benchmark);
            out.append(String.join(",",
                    quote(row.model()),
                    quote(benchmark),
                    Double.toString(cell.accuracy()),
                    Double.toString(cell.interval().low()),
                    Double.toString(cell.interval().high()),
                    Integer.toString(cell.correct()),
                    Integer.toString(cell.n()),
                    cell.problemsInData() == null ? "" : Integer.toString(cell.problemsInData()),
                    Boolean.toString(cell.partial()),
                    Boolean.toString(selfCheck),
                    Long.toString(cell.runId()),
                    cell.finishedAt().toString())).append("\r\n");
        });
    }

    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
