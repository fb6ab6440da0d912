package org.stepdpo.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stepdpo.engine.training.StepMetrics;
import org.stepdpo.engine.training.TrainingListener;
import org.stepdpo.engine.training.TrainingPlan;
import org.stepdpo.engine.training.validation.BestModel;
import org.stepdpo.engine.training.validation.ValidationPoint;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.TrainingMetric;

/**
 * Hands a training run's per-step metrics to reports (the loss / reward-accuracy / reward-margin curves of
 * the dashboard), in small batches so a crash loses at most a few steps of the stored curve; the
 * authoritative copy is OUT/metrics.jsonl. Forwards every event to the listener it wraps.
 */
public final class TrainingRunRecorder implements TrainingListener {
    private static final int FLUSH_EVERY = 20;

    private final RunStore store;
    private final long runId;
    private final TrainingListener next;
    private final List<TrainingMetric> pending = new ArrayList<>();

    public TrainingRunRecorder(RunStore store, long runId, TrainingListener next) {
        this.store = store;
        this.runId = runId;
        this.next = next;
    }

    /** A resumed training redoes the steps after its checkpoint: the stored ones beyond it are dropped first. */
    @Override
    public void onStart(TrainingPlan plan) {
        store.dropTrainingMetricsAfter(runId, plan.startStep());
        next.onStart(plan);
    }

    @Override
    public void onStep(StepMetrics m) {
        next.onStep(m);
        pending.add(toMetric(m));
        if (pending.size() >= FLUSH_EVERY) {
            flush();
        }
    }

    @Override
    public void onCheckpoint(int step, Path directory) {
        flush();
        next.onCheckpoint(step, directory);
    }

    @Override
    public void onValidation(ValidationPoint point, BestModel best) {
        next.onValidation(point, best);
    }

    @Override
    public void onMessage(String message) {
        next.onMessage(message);
    }

    /** Stores what has not been stored yet. */
    public void flush() {
        if (!pending.isEmpty()) {
            store.addTrainingMetrics(runId, List.copyOf(pending));
            pending.clear();
        }
    }

    static TrainingMetric toMetric(StepMetrics m) {
        return new TrainingMetric(m.step(), m.epoch(), m.loss(), m.rewardAccuracy(), m.rewardMargin(),
                m.chosenReward(), m.rejectedReward(), m.lr(), m.gradNorm(), m.tokensPerSecond(),
                (long) (m.peakMemoryMb() * 1024 * 1024));
    }
}
