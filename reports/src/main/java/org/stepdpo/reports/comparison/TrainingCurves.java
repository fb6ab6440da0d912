package org.stepdpo.reports.comparison;

import java.util.List;

import org.stepdpo.reports.runs.TrainingMetric;

/**
 * One training run's per-step metrics under its name: loss, reward accuracy and reward margin over steps (the
 * paper's Figure 2), so two runs' curves (DPO and Step-DPO on the same budget) can be laid side by side.
 *
 * @param objective the run's benchmark column, which training runs fill with their objective (dpo, step-dpo)
 */
public record TrainingCurves(long runId, String name, String objective, List<TrainingMetric> metrics) {

    public TrainingCurves {
        metrics = List.copyOf(metrics);
    }
}
