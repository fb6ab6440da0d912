package org.stepdpo.reports.runs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Table {@code training_metrics}: one optimizer step of a training run, keyed by (run, step). */
@Entity
@Table(name = "training_metrics")
@IdClass(TrainingMetricEntity.Key.class)
public class TrainingMetricEntity {

    /** The composite primary key. */
    public record Key(long runId, int step) {
    }

    @Id
    @Column(name = "run_id", nullable = false)
    public long runId;
    @Id
    @Column(nullable = false)
    public int step;
    public Double epoch;
    @Column(nullable = false)
    public double loss;
    @Column(name = "reward_accuracy")
    public Double rewardAccuracy;
    @Column(name = "reward_margin")
    public Double rewardMargin;
    @Column(name = "chosen_reward")
    public Double chosenReward;
    @Column(name = "rejected_reward")
    public Double rejectedReward;
    @Column(name = "learning_rate")
    public Double learningRate;
    @Column(name = "grad_norm")
    public Double gradNorm;
    @Column(name = "tokens_per_second")
    public Double tokensPerSecond;
    @Column(name = "peak_memory_bytes")
    public Long peakMemoryBytes;

    static TrainingMetricEntity of(long runId, TrainingMetric m) {
        TrainingMetricEntity e = new TrainingMetricEntity();
        e.runId = runId;
        e.step = m.step();
        e.epoch = m.epoch();
        e.loss = m.loss();
        e.rewardAccuracy = m.rewardAccuracy();
        e.rewardMargin = m.rewardMargin();
        e.chosenReward = m.chosenReward();
        e.rejectedReward = m.rejectedReward();
        e.learningRate = m.learningRate();
        e.gradNorm = m.gradNorm();
        e.tokensPerSecond = m.tokensPerSecond();
        e.peakMemoryBytes = m.peakMemoryBytes();
        return e;
    }

    TrainingMetric record() {
        return new TrainingMetric(step, epoch, loss, rewardAccuracy, rewardMargin, chosenReward, rejectedReward,
                learningRate, gradNorm, tokensPerSecond, peakMemoryBytes);
    }
}
