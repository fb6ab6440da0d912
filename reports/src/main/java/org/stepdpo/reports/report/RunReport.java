package org.stepdpo.reports.report;

import java.util.List;

import org.stepdpo.reports.metrics.RunMetrics;
import org.stepdpo.reports.runs.PairSetCounts;
import org.stepdpo.reports.runs.RunView;
import org.stepdpo.reports.runs.TrainingMetric;

/** Everything stored about one run and the metrics computed from it: the body of every export. */
public record RunReport(RunView run, RunMetrics metrics, List<PairSetCounts> pairSets, List<TrainingMetric> training) {

    public RunReport {
        pairSets = List.copyOf(pairSets);
        training = List.copyOf(training);
    }
}
