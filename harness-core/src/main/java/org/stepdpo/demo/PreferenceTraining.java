package org.stepdpo.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.config.Suite;
import org.stepdpo.config.suite.ObjectiveSection;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.training.Objective;
import org.stepdpo.engine.training.Optimization;
import org.stepdpo.engine.training.Trainer;
import org.stepdpo.engine.training.TrainingConfig;
import org.stepdpo.engine.training.TrainingData;
import org.stepdpo.engine.training.TrainingListener;
import org.stepdpo.engine.training.TrainingResult;
import org.stepdpo.engine.training.data.PromptFormat;
import org.stepdpo.engine.training.data.Truncation;
import org.stepdpo.engine.training.lora.LoraConfig;
import org.stepdpo.engine.training.validation.BestModel;
import org.stepdpo.engine.training.validation.BestModelStore;

/**
 * Step-DPO or vanilla DPO from the starting model (also the reference model) on the pairs of a run, with
 * the hyper-parameters of the suite's {@code training.step-dpo} / {@code training.dpo} section. Both get the
 * same number of optimiser steps (the budget), computed from the Step-DPO section and the Step-DPO pair count,
 * so that the comparison is on equal terms. Resumes from its newest checkpoint.
 *
 * <p>With {@code validation_problems: N} in the section (our addition beyond the paper; 0, the default, is off)
 * the live model is validated on N held-out train problems ({@link ValidationProblems}) at step 0, every
 * {@code validate_every} steps (default 10) and at the last step, and the best of those checkpoints, not the last,
 * is the trained model: ties go to the earlier step, so the SFT weights stay unless training helps.
 */
final class PreferenceTraining {

    static final String NO_PAIRS = "no-pairs.txt";

    private PreferenceTraining() {
    }

    /**
     * Optimiser steps of both trainings: {@code steps} when given, else epochs × Step-DPO pairs / (batch ×
     * grad_accum), the pairs of one optimiser step.
     */
    static int budget(Suite suite, int stepPairs) {
        ObjectiveSection s = section(suite, Objective.STEP_DPO);
        if (s.steps() > 0) {
            return s.steps();
        }
        return Math.max(1, (int) Math.ceil(s.epochs() * stepPairs / s.pairsPerStep()));
    }

    /**
     * Trains into {@code out}; returns the final model, or the starting model when there are no pairs to train on
     * (then {@code out/no-pairs.txt} says so).
     */
    static Path train(Suite suite, PromptTemplate template, Objective objective, Path startModel, Path pairs,
                      int pairCount, int steps, long seed, String device, Path out, TrainingListener listener) {
        try {
            Files.createDirectories(out);
            if (pairCount == 0) {
                Files.writeString(out.resolve(NO_PAIRS), "the data loop produced no " + objective
                        + " pairs; the model is the starting model " + startModel + "\n");
                return startModel;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out + ": " + e.getMessage(), e);
        }
        ObjectiveSection s = section(suite, objective);
        Optimization o = new Optimization(s.lr(), s.weightDecay(), s.warmupRatio(), s.maxGradNorm(), 1, steps,
                s.batch(), s.gradAccum(), seed);
        // bf16 weights and activations on CUDA unless the suite says otherwise; fp32 on CPU. "auto" is resolved
        // first: on a machine with a GPU it means CUDA.
        boolean onCuda = device != null && DeviceChoice.parse(device).resolve().isCuda();
        TrainingConfig config = TrainingConfig.defaults(objective, startModel).withOptimization(o)
                .withBeta(s.beta()).withSftWeight(s.sftWeight())
                .withTruncation(new Truncation(s.maxLength(), s.maxPromptLength()))
                .withCheckpoints(s.saveEvery(), 1).withResume(true).withDevice(device, s.bf16On(onCuda));
        if (s.loraR() > 0) {
            // LoRA: the trained model is still a whole Hugging Face folder (final/, adapters merged).
            List<String> targets = s.loraTargets() == null ? LoraConfig.DEFAULT_TARGETS
                    : Arrays.stream(s.loraTargets().split(",")).map(String::strip).toList();
            config = config.withLora(new LoraConfig(s.loraR(), s.loraAlphaOrDefault(), s.loraDropout(), targets));
        }
        GreedyValidation validation = validation(suite, template, objective, seed);
        if (validation != null) {
            config = config.withValidation(s.validateEvery(), validation);
        } else {
            BestModelStore.fresh(out); // no best/ of an earlier attempt with validation for trainedModel to pick
        }
        TrainingData data = TrainingData.read(pairs, objective, new PromptFormat(template.prompt(),
                template.responsePrefix()), false);
        TrainingResult result = Trainer.run(config, data, out, listener);
        return result.best() != null ? result.best().folder() : result.finalModel();
    }

    /** The greedy validation of the section's {@code validation_problems}, or null when it asks for none. */
    static GreedyValidation validation(Suite suite, PromptTemplate template, Objective objective, long seed) {
        String setting = "training." + objective.cliName() + ".validation_problems";
        int count = section(suite, objective).validationProblems();
        if (count == 0) {
            return null;
        }
        return new GreedyValidation(template, DatasetAdapters.byName(suite.dataset().adapter()),
                ValidationProblems.draw(suite, seed, count, setting), GreedyEvaluation.maxTokens(suite));
    }

    /**
     * The model a finished training left in {@code out}: the best validated checkpoint when it validated, else
     * its final folder, or the starting model when there were no pairs.
     */
    static Path trainedModel(Path out, Path startModel) {
        if (Files.isRegularFile(out.resolve(NO_PAIRS))) {
            return startModel;
        }
        return BestModelStore.read(out).map(BestModel::folder).orElse(out.resolve(Trainer.FINAL));
    }

    private static ObjectiveSection section(Suite suite, Objective objective) {
        return suite.training().of(objective.cliName());
    }
}
