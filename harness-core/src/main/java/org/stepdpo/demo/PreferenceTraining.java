package org.stepdpo.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.config.Suite;
import org.stepdpo.engine.training.Objective;
import org.stepdpo.engine.training.Optimization;
import org.stepdpo.engine.training.Trainer;
import org.stepdpo.engine.training.TrainingConfig;
import org.stepdpo.engine.training.TrainingData;
import org.stepdpo.engine.training.TrainingListener;
import org.stepdpo.engine.training.data.PromptFormat;
import org.stepdpo.engine.training.data.Truncation;

/**
 * Step-DPO or vanilla DPO from the starting model (also the reference model) on the pairs of a run, with
 * the hyper-parameters of the suite's {@code training.step-dpo} / {@code training.dpo} section. Both get the
 * same number of optimiser steps (the budget), computed from the Step-DPO section and the Step-DPO pair count,
 * so that the comparison is on equal terms. Resumes from its newest checkpoint.
 */
final class PreferenceTraining {

    static final String NO_PAIRS = "no-pairs.txt";

    private PreferenceTraining() {
    }

    /** Optimiser steps of both trainings: {@code steps} when given, else epochs × Step-DPO pairs / batch. */
    static int budget(Suite suite, int stepPairs) {
        SuiteValues s = section(suite, Objective.STEP_DPO);
        if (s.has("steps")) {
            return s.integer("steps", 1);
        }
        int batch = s.integer("batch", 32);
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
                s.number("warmup_ratio", 0.1), s.number("max_grad_norm", 1.0), 1, steps, s.integer("batch", 32), 1,
                seed);
        TrainingConfig config = TrainingConfig.defaults(objective, startModel).withOptimization(o)
                .withBeta(s.number("beta", 0.4)).withSftWeight(s.number("sft_weight", 0.0))
                .withTruncation(new Truncation(s.integer("max_length", 1024), s.integer("max_prompt_length", 512)))
                .withCheckpoints(s.integer("save_every", 50), 1).withResume(true).withDevice(device, false);
        TrainingData data = TrainingData.read(pairs, objective, new PromptFormat(template.prompt(),
                template.responsePrefix()), false);
        return Trainer.run(config, data, out, listener).finalModel();
    }

    /** The model a finished training left in {@code out}: its final folder, or the starting model. */
    static Path trainedModel(Path out, Path startModel) {
        return Files.isRegularFile(out.resolve(NO_PAIRS)) ? startModel : out.resolve(Trainer.FINAL);
    }

    private static SuiteValues section(Suite suite, Objective objective) {
        Map<String, String> values = suite.training() == null ? null : suite.training().get(objective.cliName());
        return new SuiteValues(suite, "training." + objective.cliName(), values);
    }
}
