package org.stepdpo.engine.training;

import java.nio.file.Path;
import java.util.List;
import org.stepdpo.engine.training.data.Truncation;
import org.stepdpo.engine.training.validation.BestModel;

/**
 * A finished run.
 *
 * @param finalModel  OUT/final: Hugging Face folder (LoRA merged into the weights)
 * @param adapter     OUT/adapter: PEFT adapter folder, or null without LoRA
 * @param metrics     the steps this call ran (a resumed run's earlier steps are in OUT/metrics.jsonl)
 * @param best        OUT/best: the best validated weights, their step and score and the whole validation
 *                    history (also in OUT/best.json); null when the run did not validate
 */
public record TrainingResult(Path out, Path finalModel, Path adapter, int steps, int resumedFrom,
                             List<StepMetrics> metrics, Truncation.Stats truncation, int skippedRecords,
                             double seconds, BestModel best) {

    public TrainingResult {
        metrics = List.copyOf(metrics);
    }

    /** Loss of the last step, or NaN when no step ran in this call. */
    public double finalLoss() {
        return metrics.isEmpty() ? Double.NaN : metrics.get(metrics.size() - 1).loss();
    }
}
