package org.stepdpo.regress;

import java.util.Locale;
import org.stepdpo.config.baselines.Metric;

/** The report as GitHub-flavoured Markdown: a heading, the table, how it was judged, the conclusion. */
public final class RegressMarkdown {

    private RegressMarkdown() {
    }

    public static String render(RegressReport r) {
        StringBuilder s = new StringBuilder();
        s.append("## Regression gate: suite `").append(r.suite()).append("`\n\n");
        int confidence = (int) Math.round(100 * (1 - r.spec().alpha()));
        s.append("| stage | benchmark | metric | baseline | now | difference | ").append(confidence)
                .append("% interval | test | verdict |\n");
        s.append("|---|---|---|---:|---:|---:|---|---|---|\n");
        for (MetricRow row : r.rows()) {
            boolean share = isShare(row.metric());
            s.append("| ").append(row.stage()).append(" | ").append(row.benchmark()).append(" | ")
                    .append(row.metric().key()).append(" | ")
                    .append(value(row.baseline(), share, row.baselineOf())).append(" | ")
                    .append(value(row.now(), share, row.nowOf())).append(" | ")
                    .append(difference(row.difference(), share)).append(" | ")
                    .append(interval(row.test())).append(" | ")
                    .append(test(row)).append(" | ")
                    .append(row.verdict() == Verdict.REGRESSION ? "**REGRESSION**" : row.verdict().label())
                    .append(" (").append(row.reason()).append(") |\n");
        }
        s.append('\n');
        s.append("- Baseline: `").append(r.baseline()).append("`\n");
        s.append(String.format(Locale.ROOT, "- A worse value is a regression when its two-sided test gives p < %s, or "
                + "when it is worse by more than the suite's tolerance (%s). Accuracy on the same problems: McNemar's "
                + "exact test on the problems that flipped; otherwise, and for shares of right answers: the pooled "
                + "two-proportion z-test. Intervals: Newcombe's score interval of now − baseline (paired or "
                + "independent, as the test). Mean steps and first-error position: tolerance only.\n",
                r.spec().alpha(), r.spec().tolerance().isEmpty() ? "none set"
                        : r.spec().tolerance().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(e -> e.getKey().key() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("")));
        r.notes().forEach(n -> s.append("- ").append(n).append('\n'));
        int regressions = r.regressions().size();
        if (r.rewritten() != null) {
            s.append("\n**Baseline rewritten deliberately** (--update-baseline) to `").append(r.rewritten())
                    .append("`: the table compares the old baseline with this run, which is now the reference")
                    .append(regressions == 0 ? "" : " (" + regressions + " metrics were worse)")
                    .append(". Review the diff and commit it (exit 0).\n");
            return s.toString();
        }
        s.append('\n').append(regressions == 0 ? "**No regression** (exit 0)."
                : "**" + regressions + (regressions == 1 ? " metric regressed" : " metrics regressed") + "** (exit "
                + RegressReport.EXIT_REGRESSION + ").").append('\n');
        return s.toString();
    }

    private static boolean isShare(Metric m) {
        return m == Metric.ACCURACY || m == Metric.RIGHT_THROUGH_WRONG_STEP;
    }

    private static String value(Double v, boolean share, int of) {
        if (v == null) {
            return "n/a (of " + of + ")";
        }
        return share ? String.format(Locale.ROOT, "%.1f%% of %d", 100 * v, of)
                : String.format(Locale.ROOT, "%.2f over %d", v, of);
    }

    private static String difference(Double d, boolean share) {
        if (d == null) {
            return "—";
        }
        return share ? String.format(Locale.ROOT, "%+.1f pp", 100 * d) : String.format(Locale.ROOT, "%+.2f", d);
    }

    private static String interval(DifferenceTest t) {
        return t == null ? "—" : String.format(Locale.ROOT, "[%+.1f, %+.1f] pp", 100 * t.low(), 100 * t.high());
    }

    private static String test(MetricRow row) {
        String tolerance = row.tolerance() == null ? "" : (isShare(row.metric())
                ? String.format(Locale.ROOT, "; tolerance %.1f pp", 100 * row.tolerance())
                : String.format(Locale.ROOT, "; tolerance %.2f", row.tolerance()));
        if (row.test() == null) {
            return tolerance.isEmpty() ? "—" : tolerance.substring(2);
        }
        return row.test().name() + ", p = " + RegressionGate.p(row.test().pValue()) + tolerance;
    }
}
