package org.stepdpo.reports.dashboard;

import java.util.ArrayList;
import java.util.List;

import org.stepdpo.reports.leaderboard.Leaderboard;
import org.stepdpo.reports.leaderboard.LeaderboardRow;

/** One benchmark's ranking on the dashboard: models best first, each with its cell (accuracy, CI, coverage). */
public record BenchmarkBoard(String benchmark, List<BoardRow> rows) {

    static List<BenchmarkBoard> of(Leaderboard board) {
        List<BenchmarkBoard> tables = new ArrayList<>();
        for (String b : board.benchmarks()) {
            List<BoardRow> rows = new ArrayList<>();
            for (LeaderboardRow row : board.ranking(b)) {
                rows.add(new BoardRow(rows.size() + 1, row.model(), row.cell(b).orElseThrow()));
            }
            tables.add(new BenchmarkBoard(b, rows));
        }
        return tables;
    }

    /** The self-checks as one table (rank unused): model and benchmark per line. */
    static List<BoardRow> selfChecks(Leaderboard board) {
        List<BoardRow> rows = new ArrayList<>();
        for (LeaderboardRow row : board.selfChecks()) {
            row.cells().keySet().stream().sorted().forEach(b -> rows.add(new BoardRow(0, row.model() + " · " + b,
                    row.cells().get(b))));
        }
        return rows;
    }
}
