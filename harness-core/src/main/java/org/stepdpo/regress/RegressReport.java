package org.stepdpo.regress;

import java.nio.file.Path;
import java.util.List;
import org.stepdpo.config.RegressSpec;

/**
 * The outcome of {@code stepdpo regress}: every metric row, the settings it was judged with, and notes
 * (what changed in the suite, entries new since the baseline).
 *
 * @param suite    suite name
 * @param baseline where the baseline came from (file or class-path resource)
 * @param spec     alpha and tolerances
 * @param rows     the table
 * @param notes    remarks printed under the table
 * @param rewritten the file the baseline was deliberately rewritten to ({@code --update-baseline}), else null
 */
public record RegressReport(String suite, String baseline, RegressSpec spec, List<MetricRow> rows, List<String> notes,
                            Path rewritten) {

    /** Exit status when a metric regressed. */
    public static final int EXIT_REGRESSION = 3;

    public RegressReport {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    public List<MetricRow> regressions() {
        return rows.stream().filter(r -> r.verdict() == Verdict.REGRESSION).toList();
    }

    /** 0 without a regression or after a deliberate rewrite, {@link #EXIT_REGRESSION} otherwise. */
    public int exitCode() {
        return rewritten != null || regressions().isEmpty() ? 0 : EXIT_REGRESSION;
    }
}
