package org.stepdpo.reports.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.stepdpo.reports.metrics.JudgeAgreement;
import org.stepdpo.reports.runs.RunKind;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.stepdpo.reports.comparison.RunComparison;
import org.stepdpo.reports.comparison.TrainingCurves;
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

    /**
     * Step judges scored on labelled splits (ProcessBench): the newest finished JUDGE run per judge and split, best
     * F1 first within each split; runs without labelled samples are left out.
     */
    public List<JudgeBoardRow> judgeBoard(String suite) {
        List<JudgeBoardRow> rows = new ArrayList<>();
        for (RunView run : store.latestFinished(RunKind.JUDGE, suite)) {
            JudgeAgreement agreement = RunMetrics.of(store.outcomes(run.id())).judge();
            if (agreement != null) {
                rows.add(new JudgeBoardRow(run.id(), run.model(), run.benchmark(), run.suite(), run.finishedAt(), agreement));
            }
        }
        rows.sort(Comparator.comparing(JudgeBoardRow::benchmark)
                .thenComparing(r -> r.agreement().f1() == null ? -1 : r.agreement().f1(), Comparator.reverseOrder())
                .thenComparing(JudgeBoardRow::judge));
        return rows;
    }

    /** The training curves of runs, in the order given. @throws UnknownRunException when one is not stored */
    public List<TrainingCurves> trainingCurves(List<Long> runIds) {
        List<TrainingCurves> curves = new ArrayList<>();
        for (long id : runIds) {
            RunView run = require(id);
            curves.add(new TrainingCurves(id, run.name(), run.benchmark(), store.trainingMetrics(id)));
        }
        return curves;
    }

    public RunView require(long runId) {
        return store.run(runId).orElseThrow(() -> UnknownRunException.run(runId));
    }
}
