package org.stepdpo.engine.training.validation;

import java.nio.file.Path;
import java.util.List;

/**
 * The best validated weights of a run.
 *
 * @param folder  OUT/best: a Hugging Face model folder (LoRA merged)
 * @param step    the optimiser step whose weights these are (0 = the starting model)
 * @param score   their validation score
 * @param history every validation of the run, by step
 */
public record BestModel(Path folder, int step, double score, List<ValidationPoint> history) {

    public BestModel {
        history = List.copyOf(history);
    }
}
