package org.stepdpo.regress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.stepdpo.config.Suite;
import org.stepdpo.config.baselines.Baseline;
import org.stepdpo.config.baselines.BaselineEntry;
import org.stepdpo.config.baselines.Metric;

/**
 * One {@code stepdpo regress} run of a suite after its measurement: the report against the old baseline (with
 * notes on what differs besides the metrics), or the new baseline it would write.
 *
 * @param suite    the suite that was run
 * @param baseline where the baseline is, for the report
 * @param seconds  how long the suite took
 */
public record RegressRun(Suite suite, String baseline, double seconds) {

    public RegressReport report(Baseline old, List<BaselineEntry> now, Path rewrittenTo) {
        List<MetricRow> rows = new RegressionGate(suite.regress()).compare(old.entries(), now);
        List<String> notes = new ArrayList<>();
        String fingerprint = SuiteFingerprint.of(suite);
        if (old.suiteSha256() != null && !old.suiteSha256().equals(fingerprint)) {
            notes.add("The suite's definition changed since the baseline was written (SHA-256 " + shorten(old.suiteSha256())
                    + " then, " + shorten(fingerprint) + " now): differences may come from the suite, not the code.");
        }
        if (old.seed() != suite.regress().seed()) {
            notes.add("The baseline was written with seed " + old.seed() + ", this run used seed " + suite.regress().seed()
                    + ".");
        }
        Set<String> known = old.entries().stream().map(BaselineEntry::key).collect(Collectors.toSet());
        now.stream().map(BaselineEntry::key).filter(k -> !known.contains(k))
                .forEach(k -> notes.add("New since the baseline (not compared): " + k + "."));
        notes.add("Baseline written " + (old.writtenAt() == null ? "(date unknown)" : old.writtenAt()) + " at commit "
                + (old.commit() == null ? "(unknown)" : shorten(old.commit())) + "; this run took "
                + String.format(Locale.ROOT, "%.0f s", seconds) + ".");
        return new RegressReport(suite.name(), baseline, suite.regress(), rows, notes, rewrittenTo);
    }

    public Baseline baseline(List<BaselineEntry> now, String commit, String writtenAt) {
        return new Baseline(suite.name(), suite.regress().seed(), SuiteFingerprint.of(suite), commit, writtenAt, now);
    }

    /** What --update-baseline prints when there was no baseline before. */
    public static String firstBaselineMarkdown(String suite, Baseline fresh, Path file, double seconds) {
        StringBuilder s = new StringBuilder("## Regression gate: suite `" + suite + "`\n\n");
        s.append("| stage | benchmark | n | accuracy |\n|---|---|---:|---:|\n");
        for (BaselineEntry e : fresh.entries()) {
            Double accuracy = e.value(Metric.ACCURACY);
            s.append(String.format(Locale.ROOT, "| %s | %s | %d | %s |%n", e.stage(), e.benchmark(), e.n(),
                    accuracy == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * accuracy)));
        }
        s.append(String.format(Locale.ROOT, "%n**Baseline written deliberately** (--update-baseline; there was none "
                + "before) to `%s` after a %.0f s run. Review it and commit it (exit 0).%n", file, seconds));
        return s.toString();
    }

    private static String shorten(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
