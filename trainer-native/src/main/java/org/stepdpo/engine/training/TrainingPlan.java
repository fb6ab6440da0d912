package org.stepdpo.engine.training;

import org.stepdpo.engine.training.data.Truncation;

/**
 * What a run is about to do.
 *
 * @param startStep           steps already done (resumed runs), 0 otherwise
 * @param trainableParameters parameters that receive gradients (all, or the LoRA adapters)
 */
public record TrainingPlan(Objective objective, int examples, int totalSteps, int startStep, int warmupSteps,
                           long trainableParameters, Truncation.Stats truncation, int skippedRecords) {
}
