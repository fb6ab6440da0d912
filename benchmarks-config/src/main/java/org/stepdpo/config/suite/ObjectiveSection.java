package org.stepdpo.config.suite;

import static org.stepdpo.config.suite.Range.DROPOUT;
import static org.stepdpo.config.suite.Range.FRACTION;
import static org.stepdpo.config.suite.Range.NON_NEGATIVE;
import static org.stepdpo.config.suite.Range.POSITIVE;

/**
 * The hyper-parameters of one training objective ({@code training.step-dpo:}, {@code training.dpo:}).
 *
 * @param beta               preference strength β of the loss (default 0.4)
 * @param lr                 peak learning rate (default 1e-5)
 * @param epochs             passes over the Step-DPO pairs when {@code steps} is 0 (default 1)
 * @param steps              optimiser steps; 0 (default): from {@code epochs}
 * @param batch              pairs per micro-batch (default 32)
 * @param warmupRatio        share of the steps spent warming up (default 0.1)
 * @param weightDecay        AdamW weight decay (default 0)
 * @param maxGradNorm        gradient clipping; 0: none (default 1)
 * @param maxLength          longest prompt + response in tokens (default 1024)
 * @param maxPromptLength    longest prompt in tokens (default 512)
 * @param sftWeight          weight of an SFT term on the chosen response (default 0)
 * @param saveEvery          checkpoint every N steps; 0: only at the end (default 50)
 * @param validationProblems held-out train problems for greedy validation; 0 (default): none (our addition)
 * @param validateEvery      validate every N steps (default 10)
 * @param gradAccum          micro-batches per optimiser step (default 1)
 * @param bf16               bf16 weights and activations; absent (default): on CUDA, not on CPU
 * @param loraR              LoRA rank; 0 (default): full fine-tuning
 * @param loraAlpha          LoRA alpha; absent (default): 2 × {@code lora_r}
 * @param loraDropout        LoRA dropout (default 0)
 * @param loraTargets        comma-separated projection names; absent (default): the engine's default targets
 */
public record ObjectiveSection(@Bound(POSITIVE) double beta, @Bound(POSITIVE) double lr,
                               @Bound(POSITIVE) double epochs, @Bound(NON_NEGATIVE) int steps,
                               @Bound(POSITIVE) int batch, @Bound(FRACTION) double warmupRatio,
                               @Bound(NON_NEGATIVE) double weightDecay, @Bound(NON_NEGATIVE) double maxGradNorm,
                               @Bound(POSITIVE) int maxLength, @Bound(POSITIVE) int maxPromptLength,
                               @Bound(NON_NEGATIVE) double sftWeight, @Bound(NON_NEGATIVE) int saveEvery,
                               @Bound(NON_NEGATIVE) int validationProblems, @Bound(POSITIVE) int validateEvery,
                               @Bound(POSITIVE) int gradAccum, Boolean bf16, @Bound(NON_NEGATIVE) int loraR,
                               @Bound(POSITIVE) Double loraAlpha, @Bound(DROPOUT) double loraDropout,
                               String loraTargets) {

    public static final ObjectiveSection DEFAULTS = new ObjectiveSection(0.4, 1e-5, 1, 0, 32, 0.1, 0.0, 1.0, 1024,
            512, 0.0, 50, 0, 10, 1, null, 0, null, 0.0, null);

    /** Pairs per optimiser step: {@code batch × grad_accum}. */
    public int pairsPerStep() {
        return batch * gradAccum;
    }

    /** LoRA alpha as set, else 2 × rank. */
    public double loraAlphaOrDefault() {
        return loraAlpha != null ? loraAlpha : 2.0 * loraR;
    }

    /** bf16 as set, else whether training runs on CUDA (the device {@code --device} resolved to). */
    public boolean bf16On(boolean onCuda) {
        return bf16 != null ? bf16 : onCuda;
    }
}
