package org.stepdpo.engine.training.validation;

import org.stepdpo.engine.TorchLanguageModel;

/**
 * A held-out score of the model being trained, e.g. the greedy accuracy on validation problems. Our addition
 * beyond the paper: too much preference training collapses a small model (docs/METHOD.md, toy-scale probe)
 * while the reward accuracy on the pairs keeps rising, so the run keeps the weights that validate best.
 *
 * <p>The trainer calls it between optimiser steps with the live model in inference mode: no autograd, LoRA
 * adapters on, dropout off. It must not change the weights; the trainer re-seeds torch before every step, so
 * random draws made here do not change training.
 */
@FunctionalInterface
public interface Validation {

    /** A score in [0, 1] (higher is better) of {@code live} after {@code step} optimiser steps (0 = the start). */
    double score(TorchLanguageModel live, int step);
}
