package org.stepdpo.engine.training;

import java.nio.file.Path;
import org.stepdpo.engine.training.data.Truncation;
import org.stepdpo.engine.training.lora.LoraConfig;
import org.stepdpo.engine.training.validation.Validation;
import org.stepdpo.engine.training.validation.ValidationSchedule;

/**
 * One training run.
 *
 * @param objective           step-dpo, dpo or sft
 * @param model               Hugging Face folder of the starting model (also the reference model)
 * @param device              cpu, cuda, cuda:N or auto
 * @param bf16                bf16 autocast (CUDA only); fp32 master weights either way
 * @param beta                β of the preference loss (ignored by SFT)
 * @param optimization        optimiser, schedule, batch and seed
 * @param truncation          max length and max prompt length
 * @param appendEos           end continuations with EOS; null = whole answers yes, single steps no
 * @param lora                null = full fine-tuning
 * @param precomputeReference compute all reference log-probs in one pass before training
 * @param checkpointEvery     save a checkpoint every N steps (and always at the end); 0 = at the end only
 * @param keepCheckpoints     how many of the newest checkpoints to keep
 * @param resume              continue from the newest checkpoint in the output folder, if there is one
 * @param activationCheckpointing recompute each decoder layer in the backward pass instead of keeping its
 *                            activations: less memory for about one more forward; the same results
 * @param sftWeight           α of the optional SFT term on the chosen continuation (preference objectives;
 *                            {@link org.stepdpo.engine.training.loss.PreferenceLoss}); 0 = the paper's loss
 * @param validation          null = none; else the live model is scored on this schedule and the best weights are
 *                            kept in OUT/best (our addition beyond the paper: a guard against over-optimisation)
 */
public record TrainingConfig(Objective objective, Path model, String device, boolean bf16, double beta,
                             Optimization optimization, Truncation truncation, Boolean appendEos, LoraConfig lora,
                             boolean precomputeReference, int checkpointEvery, int keepCheckpoints, boolean resume,
                             boolean activationCheckpointing, double sftWeight,
                             ValidationSchedule validation) {

    public TrainingConfig {
        if (!(sftWeight >= 0) || Double.isInfinite(sftWeight)) {
            throw new IllegalArgumentException("sft weight must be >= 0, got " + sftWeight);
        }
        if (objective.isPreference() && !(beta > 0)) {
            throw new IllegalArgumentException("beta must be positive, got " + beta);
        }
        if (checkpointEvery < 0 || keepCheckpoints < 1) {
            throw new IllegalArgumentException("need checkpoint interval >= 0 and at least one kept checkpoint");
        }
    }

    /** β 0.4, max length 1024 / prompt 512 (the paper), full fine-tuning on the CPU, checkpoints every 100 steps. */
    public static TrainingConfig defaults(Objective objective, Path model) {
        return new TrainingConfig(objective, model, "cpu", false, 0.4, Optimization.defaults(),
                new Truncation(1024, 512), null, null, false, 100, 2, false, false, 0.0, null);
    }

    public TrainingConfig withOptimization(Optimization o) {
        return new TrainingConfig(objective, model, device, bf16, beta, o, truncation, appendEos, lora,
                precomputeReference, checkpointEvery, keepCheckpoints, resume, activationCheckpointing,
                sftWeight, validation);
    }

    public TrainingConfig withBeta(double b) {
        return new TrainingConfig(objective, model, device, bf16, b, optimization, truncation, appendEos, lora,
                precomputeReference, checkpointEvery, keepCheckpoints, resume, activationCheckpointing,
                sftWeight, validation);
    }

    public TrainingConfig withLora(LoraConfig l) {
        return new TrainingConfig(objective, model, device, bf16, beta, optimization, truncation, appendEos, l,
                precomputeReference, checkpointEvery, keepCheckpoints, resume, activationCheckpointing,
                sftWeight, validation);
    }

    public TrainingConfig withTruncation(Truncation t) {
        return new TrainingConfig(objective, model, device, bf16, beta, optimization, t, appendEos, lora,
                precomputeReference, checkpointEvery, keepCheckpoints, resume, activationCheckpointing,
                sftWeight, validation);
    }

    public TrainingConfig withCheckpoints(int every, int keep) {
        return new TrainingConfig(objective, model, device, bf16, beta, optimization, truncation, appendEos, lora,
                precomputeReference, every, keep, resume, activationCheckpointing, sftWeight, validation);
    }

    public TrainingConfig withPrecomputedReference(boolean on) {
        return new TrainingConfig(objective, model, device, bf16, beta, optimization, truncation, appendEos, lora,
                on, checkpointEvery, keepCheckpoints, resume, activationCheckpointing, sftWeight, validation);
    }

    public TrainingConfig withResume(boolean on) {
        return new TrainingConfig(objective, model, device, bf16, beta, optimization, truncation, appendEos, lora,
                precomputeReference, checkpointEvery, keepCheckpoints, on, activationCheckpointing,
                sftWeight, validation);
    }

    public TrainingConfig withDevice(String d, boolean useBf16) {
        return new TrainingConfig(objective, model, d, useBf16, beta, optimization, truncation, appendEos, lora,
                precomputeReference, checkpointEvery, keepCheckpoints, resume, activationCheckpointing,
                sftWeight, validation);
    }

    public TrainingConfig withAppendEos(Boolean on) {
        return new TrainingConfig(objective, model, device, bf16, beta, optimization, truncation, on, lora,
                precomputeReference, checkpointEvery, keepCheckpoints, resume, activationCheckpointing,
                sftWeight, validation);
    }

    public TrainingConfig withActivationCheckpointing(boolean on) {
        return new TrainingConfig(objective, model, device, bf16, beta, optimization, truncation, appendEos, lora,
                precomputeReference, checkpointEvery, keepCheckpoints, resume, on, sftWeight, validation);
    }

    public TrainingConfig withSftWeight(double weight) {
        return new TrainingConfig(objective, model, device, bf16, beta, optimization, truncation, appendEos, lora,
                precomputeReference, checkpointEvery, keepCheckpoints, resume, activationCheckpointing,
                weight, validation);
    }

    /** Scores the live model at step 0, every {@code every} steps and at the end, keeping the best in OUT/best. */
    public TrainingConfig withValidation(int every, Validation v) {
        return new TrainingConfig(objective, model, device, bf16, beta, optimization, truncation, appendEos, lora,
                precomputeReference, checkpointEvery, keepCheckpoints, resume, activationCheckpointing, sftWeight,
                v == null ? null : new ValidationSchedule(every, v));
    }
}
