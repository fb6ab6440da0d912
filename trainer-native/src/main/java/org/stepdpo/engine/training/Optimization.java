package org.stepdpo.engine.training;

/**
 * Optimiser hyper-parameters.
 *
 * @param learningRate         peak learning rate of the cosine schedule
 * @param weightDecay          AdamW decoupled weight decay (never on norms and biases)
 * @param warmupRatio          share of the steps spent warming up linearly from 0
 * @param maxGradNorm          global gradient-norm clip; 0 = measure only
 * @param epochs               passes over the data (when maxSteps is 0)
 * @param maxSteps             optimiser steps; 0 = from epochs
 * @param batchSize            examples (pairs) per micro-batch
 * @param gradientAccumulation micro-batches per optimiser step
 * @param seed                 data order (seed + epoch), dropout (seed + step), LoRA initialisation
 */
public record Optimization(double learningRate, double weightDecay, double warmupRatio, double maxGradNorm,
                           double epochs, int maxSteps, int batchSize, int gradientAccumulation, long seed) {

    public Optimization {
        if (!(learningRate > 0) || !(weightDecay >= 0) || !(maxGradNorm >= 0)) {
            throw new IllegalArgumentException("need learning rate > 0, weight decay >= 0, max grad norm >= 0");
        }
        if (!(warmupRatio >= 0 && warmupRatio <= 1)) {
            throw new IllegalArgumentException("warm-up ratio must be in [0, 1], got " + warmupRatio);
        }
        if (batchSize < 1 || gradientAccumulation < 1 || maxSteps < 0 || (maxSteps == 0 && !(epochs > 0))) {
            throw new IllegalArgumentException("need batch size >= 1, gradient accumulation >= 1, and max steps > 0 or epochs > 0");
        }
    }

    /** The paper's recipe scaled to this project: β handled elsewhere; lr 5e-7 is for 7B models. */
    public static Optimization defaults() {
        return new Optimization(5e-7, 0.0, 0.1, 1.0, 1, 0, 4, 1, 42);
    }

    public Optimization withLearningRate(double lr) {
        return new Optimization(lr, weightDecay, warmupRatio, maxGradNorm, epochs, maxSteps, batchSize,
                gradientAccumulation, seed);
    }

    public Optimization withSteps(int steps) {
        return new Optimization(learningRate, weightDecay, warmupRatio, maxGradNorm, epochs, steps, batchSize,
                gradientAccumulation, seed);
    }

    public Optimization withBatch(int batch, int accumulation) {
        return new Optimization(learningRate, weightDecay, warmupRatio, maxGradNorm, epochs, maxSteps, batch,
                accumulation, seed);
    }

    public Optimization withWarmupRatio(double ratio) {
        return new Optimization(learningRate, weightDecay, ratio, maxGradNorm, epochs, maxSteps, batchSize,
                gradientAccumulation, seed);
    }

    public Optimization withSeed(long s) {
        return new Optimization(learningRate, weightDecay, warmupRatio, maxGradNorm, epochs, maxSteps, batchSize,
                gradientAccumulation, s);
    }

    /** Examples per optimiser step of one process. */
    public int globalBatch() {
        return globalBatch(1);
    }

    /**
     * Examples per optimiser step of {@code ranks} data-parallel processes: each reads batchSize × gradientAccumulation
     * of them (batchSize is per rank, as in PyTorch's DDP).
     */
    public int globalBatch(int ranks) {
        return batchSize * gradientAccumulation * ranks;
    }

    /** maxSteps, or ⌈epochs · examples / global batch⌉ (one process). */
    public int totalSteps(int examples) {
        return totalSteps(examples, 1);
    }

    /** maxSteps, or ⌈epochs · examples / global batch⌉ for {@code ranks} processes. */
    public int totalSteps(int examples, int ranks) {
        return maxSteps > 0 ? maxSteps : (int) Math.max(1, Math.ceil(epochs * examples / globalBatch(ranks)));
    }
}
