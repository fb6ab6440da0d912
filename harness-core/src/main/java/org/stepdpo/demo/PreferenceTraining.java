package org.stepdpo.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.config.Suite;
import org.stepdpo.data.DatasetAdapters;
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

    /** Pairs per micro-batch ({@code batch}, default 32). */
    private static int batch(SuiteValues s) {
        return s.integer("batch", 32);
    }

    /** Micro-batches per optimiser step ({@code grad_accum}, default 1). */
    private static int gradAccum(SuiteValues s) {
        return s.integer("grad_accum", 1);
    }

    /**
     * Optimiser steps of both trainings: {@code steps} when given, else epochs × Step-DPO pairs / (batch ×
     * grad_accum), the pairs of one optimiser step.
     */
    static int budget(Suite suite, int stepPairs) {
        SuiteValues s = section(suite, Objective.STEP_DPO);
        if (s.has("steps")) {
            return s.integer("steps", 1);
        }
        int batch = batch(s) * gradAccum(s);
        return Math.max(1, (int) Math.ceil(s.number("epochs", 1) * stepPairs / batch));
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
        SuiteValues s = section(suite, objective);
        Optimization o = new Optimization(s.number("lr", 1e-5), s.number("weight_decay", 0.0),
                s.number("warmup_ratio", 0.1), s.number("max_grad_norm", 1.0), 1, steps, batch(s), gradAccum(s), seed);
        // bf16 weights and activations on CUDA unless the suite says otherwise; fp32 on CPU.
        boolean onCuda = device != null && device.startsWith("cuda");
        boolean bf16 = Boolean.parseBoolean(s.text("bf16", Boolean.toString(onCuda)));
        TrainingConfig config = TrainingConfig.defaults(objective, startModel).withOptimization(o)
                .withBeta(s.number("beta", 0.4)).withSftWeight(s.number("sft_weight", 0.0))
                .withTruncation(new Truncation(s.integer("max_length", 1024), s.integer("max_prompt_length", 512)))
                .withCheckpoints(s.integer("save_every", 50), 1).withResume(true).withDevice(device, bf16);
        int loraRank = s.integer("lora_r", 0);
        if (loraRank > 0) {
            // LoRA: the trained model is still a whole Hugging Face folder (final/, adapters merged).
            List<String> targets = Arrays.stream(s.text("lora_targets", String.join(",", LoraConfig.DEFAULT_TARGETS))
                    .split(",")).map(String::strip).toList();
            config = config.withLora(new LoraConfig(loraRank, s.number("lora_alpha", 2.0 * loraRank),
                    s.number("lora_dropout", 0.0), targets));
        }
        GreedyValidation validation = validation(suite, template, objective, seed);
        if (validation != null) {
            int every = s.integer("validate_every", 10);
            if (every < 1) {
                throw new IllegalArgumentException("suite " + suite.name() + ": training." + objective.cliName()
                        + ".validate_every must be at least 1, got " + every);
            }
            config = config.withValidation(every, validation);
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
        int count = section(suite, objective).integer("validation_problems", 0);
        if (count < 0) {
            throw new IllegalArgumentException("suite " + suite.name() + ": " + setting + " must be >= 0, got " + count);
        }
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

    private static SuiteValues section(Suite suite, Objective objective) {
        Map<String, String> values = suite.training() == null ? null : suite.training().get(objective.cliName());
        return new SuiteValues(suite, "training." + objective.cliName(), values);
    }
}
