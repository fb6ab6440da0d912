package org.stepdpo.reports.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.stepdpo.reports.comparison.RunComparison;
import org.stepdpo.reports.metrics.RunMetrics;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.RunView;
import org.stepdpo.reports.runs.UnknownRunException;

/** Assembles reports and comparisons from the store; what the REST API, the dashboard and the exports show. */
@ApplicationScoped
public class RunReports {

    @Inject
    RunStore store;

    /** @throws UnknownRunException when no run has this id */
    public RunReport report(long runId) {
        RunView run = require(runId);
        return new RunReport(run, RunMetrics.of(store.outcomes(runId)), store.pairSets(runId),
                store.trainingMetrics(runId));
    }

    /** @throws UnknownRunException when either run is not stored */
    public RunComparison compare(long runA, long runB) {
        require(runA);
        require(runB);
        return RunComparison.of(runA, store.outcomes(runA), runB, store.outcomes(runB));
    }

    public RunView require(long runId) {
        return store.run(runId).orElseThrow(() -> UnknownRunException.run(runId));
    }
}
