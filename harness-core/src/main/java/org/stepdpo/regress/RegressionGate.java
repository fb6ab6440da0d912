package org.stepdpo.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.stepdpo.config.RegressSpec;
import org.stepdpo.config.baselines.BaselineEntry;
import org.stepdpo.config.baselines.Metric;
import org.stepdpo.config.baselines.ProblemOutcome;
import org.stepdpo.metrics.Share;

/**
 * Compares a run's entries with the baseline's, metric by metric, and decides. A worse value is a regression
 * only when it is statistically significant for the sample sizes (two-sided test, p &lt; alpha) or worse by more
 * than the suite's absolute tolerance for the metric:
 * <ul>
 * <li>accuracy on the same problems: paired, McNemar's exact test ({@link PairedProportions});</li>
 * <li>accuracy on different problems, and the share of judged right answers reached through a wrong step (whose
 * denominators differ between runs): the two-proportion z-test ({@link IndependentProportions});</li>
 * <li>mean steps and first-error position: the tolerance only (no test).</li>
 * </ul>
 */
public final class RegressionGate {

    private final RegressSpec spec;

    public RegressionGate(RegressSpec spec) {
        this.spec = spec;
    }

    /**
     * Every metric of every baseline entry against the run's entry of the same (stage, benchmark).
     *
     * @throws IllegalArgumentException when the run lacks an entry the baseline has (the suite changed)
     */
    public List<MetricRow> compare(List<BaselineEntry> baseline, List<BaselineEntry> now) {
        Map<String, BaselineEntry> current = now.stream()
                .collect(Collectors.toMap(BaselineEntry::key, Function.identity(), (a, b) -> a));
        List<String> missing = baseline.stream().map(BaselineEntry::key).filter(k -> !current.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the run produced no results for " + missing + ", which the baseline "
                    + "has; if the suite changed on purpose, rewrite the baseline with --update-baseline");
        }
        List<MetricRow> rows = new ArrayList<>();
        for (BaselineEntry b : baseline) {
            BaselineEntry n = current.get(b.key());
            for (Metric m : Metric.values()) {
                rows.add(row(b, n, m));
            }
        }
        return rows;
    }

    MetricRow row(BaselineEntry baseline, BaselineEntry now, Metric metric) {
        Double before = baseline.value(metric);
        Double after = now.value(metric);
        Double tolerance = spec.toleranceOf(metric);
        if (before == null || after == null) {
            return new MetricRow(baseline.stage(), baseline.benchmark(), metric, before, after,
                    denominator(baseline, metric), denominator(now, metric), null, tolerance,
                    Verdict.NOT_GATED, "undefined on " + (before == null ? "the baseline" : "this run"));
        }
        DifferenceTest test = test(baseline, now, metric);
        double worse = metric.worsening(before, after);
        boolean significant = test != null && test.pValue() < spec.alpha();
        Verdict verdict;
        String reason;
        if (worse > 0 && significant) {
            verdict = Verdict.REGRESSION;
            reason = String.format(Locale.ROOT, "significant: p = %s < alpha %s", p(test.pValue()), spec.alpha());
        } else if (worse > 0 && tolerance != null && worse > tolerance + 1e-12) {
            verdict = Verdict.REGRESSION;
            reason = String.format(Locale.ROOT, "beyond the tolerance %s", tolerance);
        } else if (worse < 0 && significant) {
            verdict = Verdict.BETTER;
            reason = String.format(Locale.ROOT, "significant: p = %s < alpha %s", p(test.pValue()), spec.alpha());
        } else if (test == null && tolerance == null) {
            verdict = Verdict.NOT_GATED;
            reason = "no test and no tolerance for this metric";
        } else {
            verdict = Verdict.OK;
            reason = worse <= 0 ? "not worse" : test != null
                    ? String.format(Locale.ROOT, "within noise: p = %s", p(test.pValue()))
                    : String.format(Locale.ROOT, "within the tolerance %s", tolerance);
        }
        return new MetricRow(baseline.stage(), baseline.benchmark(), metric, before, after,
                denominator(baseline, metric), denominator(now, metric), test, tolerance, verdict, reason);
    }

    /** How many answers a metric is a share or mean of (its denominator, docs/METRICS.md). */
    static int denominator(BaselineEntry e, Metric metric) {
        return switch (metric) {
            case ACCURACY, MEAN_STEPS -> e.n();
            case RIGHT_THROUGH_WRONG_STEP -> e.rightThroughWrongStep().of();
            case FIRST_ERROR_POSITION -> e.firstErrorPosition().n();
        };
    }

    /** The metric's test, or null when it has none. */
    private DifferenceTest test(BaselineEntry baseline, BaselineEntry now, Metric metric) {
        return switch (metric) {
            case ACCURACY -> baseline.problemIds().equals(now.problemIds())
                    ? paired(baseline, now)
                    : IndependentProportions.test(baseline.correct(), baseline.n(), now.correct(), now.n(), spec.alpha());
            case RIGHT_THROUGH_WRONG_STEP -> {
                Share before = baseline.rightThroughWrongStep();
                Share after = now.rightThroughWrongStep();
                yield IndependentProportions.test(before.count(), before.of(), after.count(), after.of(), spec.alpha());
            }
            case FIRST_ERROR_POSITION, MEAN_STEPS -> null;
        };
    }

    private DifferenceTest paired(BaselineEntry baseline, BaselineEntry now) {
        Map<String, Boolean> right = now.outcomes().stream()
                .collect(Collectors.toMap(ProblemOutcome::id, ProblemOutcome::correct));
        int both = 0;
        int onlyBaseline = 0;
        int onlyNow = 0;
        int neither = 0;
        for (ProblemOutcome o : baseline.outcomes()) {
            boolean was = o.correct();
            boolean is = right.get(o.id());
            if (was && is) {
                both++;
            } else if (was) {
                onlyBaseline++;
            } else if (is) {
                onlyNow++;
            } else {
                neither++;
            }
        }
        return PairedProportions.test(both, onlyBaseline, onlyNow, neither, spec.alpha());
    }

    static String p(double p) {
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }
}
