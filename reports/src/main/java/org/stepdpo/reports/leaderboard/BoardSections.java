package org.stepdpo.reports.leaderboard;

import java.util.ArrayList;
import java.util.List;

/**
 * The sections every human-readable leaderboard shows, as titled tables of text cells: one ranking per benchmark,
 * the mean over all benchmarks for the models evaluated completely on every one (only when there are several
 * benchmarks), and the self-checks apart. Renderers only lay them out (terminal or Markdown).
 */
final class BoardSections {

    /** A titled table; the first row is the header. */
    record Section(String title, List<List<String>> table) {
    }

    private BoardSections() {
    }

    static List<Section> of(Leaderboard board) {
        List<Section> sections = new ArrayList<>();
        for (String benchmark : board.benchmarks()) {
            List<List<String>> t = new ArrayList<>();
            t.add(List.of("rank", "model", "accuracy (95% CI)", "n"));
            int rank = 0;
            for (LeaderboardRow row : board.ranking(benchmark)) {
                LeaderboardCell c = row.cell(benchmark).orElseThrow();
                t.add(List.of(Integer.toString(++rank), row.model(), CellText.accuracy(c),
                        c.coverage() + (c.partial() ? " partial" : "")));
            }
            sections.add(new Section(benchmark, t));
        }
        List<Leaderboard.ComparableMean> means = board.comparableMeans();
        if (!means.isEmpty()) {
            List<List<String>> t = new ArrayList<>();
            t.add(List.of("rank", "model", "mean accuracy"));
            for (int i = 0; i < means.size(); i++) {
                t.add(List.of(Integer.toString(i + 1), means.get(i).model(), CellText.percent(means.get(i).mean())));
            }
            sections.add(new Section("mean over " + String.join(", ", board.benchmarks())
                    + " (only models evaluated completely on every one)", t));
        }
        if (!board.selfChecks().isEmpty()) {
            List<List<String>> t = new ArrayList<>();
            t.add(List.of("model", "benchmark", "accuracy (95% CI)", "n"));
            for (LeaderboardRow row : board.selfChecks()) {
                row.cells().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> t.add(List.of(
                        row.model(), e.getKey(), CellText.accuracy(e.getValue()), e.getValue().coverage())));
            }
            sections.add(new Section("self-checks: the data set's reference solutions graded (not ranked)", t));
        }
        return sections;
    }
}
