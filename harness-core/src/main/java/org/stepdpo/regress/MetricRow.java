package org.stepdpo.regress;

import org.stepdpo.config.baselines.Metric;

/**
 * One line of the regression table: a metric of one (stage, benchmark), baseline against now.
 *
 * @param stage     model or pipeline stage
 * @param benchmark benchmark
 * @param metric    the metric
 * @param baseline  baseline value, or null when undefined
 * @param now       value of this run, or null when undefined
 * @param baselineOf what the baseline value is taken over (problems, right answers...), for the sample size
 * @param nowOf     the same for this run
 * @param test      the test and interval of now − baseline, or null when the metric has none
 * @param tolerance the suite's tolerance for the metric, or null
 * @param verdict   the conclusion
 * @param reason    why, in a few words (which rule decided)
 */
public record MetricRow(String stage, String benchmark, Metric metric, Double baseline, Double now,
                        int baselineOf, int nowOf, DifferenceTest test, Double tolerance, Verdict verdict, String reason) {

    /** now − baseline, or null when either is undefined. */
    public Double difference() {
        return baseline == null || now == null ? null : now - baseline;
    }
}
