package org.stepdpo.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stepdpo.engine.TinyModels;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.engine.model.Architecture;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.CheckpointedForward;
import org.stepdpo.engine.model.ModelConfig;
import org.stepdpo.engine.scoring.ScoringBatch;
import org.stepdpo.engine.training.data.TokenizedExample;
import org.stepdpo.engine.training.lora.LoraAdapters;
import org.stepdpo.engine.training.lora.LoraConfig;
import org.stepdpo.engine.training.loss.PreferenceLoss;

/** Activation checkpointing changes memory and time, never the loss or a gradient. */
class ActivationCheckpointingTest {

    private static final ComputeDevice CPU = ComputeDevice.cpu();
    private static final double RELATIVE = 1e-5;

    @BeforeAll
    static void load() {
        NativeTorch.ensureLoaded();
    }

    /**
     * Qwen2 (biases, tied head: the embedding gets gradients from both ends), a three-layer Llama, and Qwen3 (its
     * q/k norm weights get gradients too).
     */
    private static List<ModelConfig> shapes() {
        return List.of(TinyModels.qwen2(),
                ModelConfig.of(Architecture.LLAMA, 89, 32, 40, 3, 4, 1, 500_000.0, 1e-5, false, 3), TinyModels.qwen3());
    }

    @Test
    void fullFineTuningGradientsAndLossAreUnchangedForStepDpoAndSft() {
        for (ModelConfig shape : shapes()) {
            List<TokenizedExample> pairs = TrainingFixtures.randomPairs(4, shape.vocabSize(), 7);
            try (CausalDecoder reference = TinyModels.build(shape, 31); CausalDecoder policy = copyOf(reference)) {
                perturb(policy.parameters(), 0.05, 4); // policy ≠ reference: the DPO gradient is not at σ's midpoint
                policy.requiresGrad(true);
                ReferenceLogProbs ref = ReferenceLogProbs.live(reference, CPU, false, () -> { }, () -> { });
                for (boolean preference : new boolean[] {true, false}) {
                    String what = shape.architecture() + (preference ? " step-dpo" : " sft") + " full";
                    Run plain = run(policy.stateDict(), pairs, objective(policy, ref, preference, false));
                    Run checkpointed = run(policy.stateDict(), pairs, objective(policy, ref, preference, true));
                    assertSame(what, plain, checkpointed);
                }
            }
        }
    }

    @Test
    void loraWithDropoutGradientsAndLossAreUnchangedForStepDpoAndSft() {
        for (ModelConfig shape : shapes()) {
            List<TokenizedExample> pairs = TrainingFixtures.randomPairs(4, shape.vocabSize(), 8);
            try (CausalDecoder policy = TinyModels.build(shape, 32);
                 LoraAdapters lora = LoraAdapters.attach(policy, new LoraConfig(4, 8, 0.3,
                         List.of("q_proj", "v_proj", "o_proj", "up_proj", "down_proj")), 5)) {
                // B = 0 at initialisation would make every lora_A gradient zero, hiding a wrong one
                perturb(lora.parameters().values().stream().toList(), 0.1, 6);
                lora.setTraining(true);
                ReferenceLogProbs ref = ReferenceLogProbs.live(policy, CPU, false, () -> lora.setEnabled(false),
                        () -> lora.setEnabled(true));
                for (boolean preference : new boolean[] {true, false}) {
                    String what = shape.architecture() + (preference ? " step-dpo" : " sft") + " lora";
                    Run plain = run(lora.parameters(), pairs, objective(policy, ref, preference, false));
                    Run checkpointed = run(lora.parameters(), pairs, objective(policy, ref, preference, true));
                    assertSame(what, plain, checkpointed);
                    lora.setTraining(false);
                    Run noDropout = run(lora.parameters(), pairs, objective(policy, ref, preference, false));
                    lora.setTraining(true);
                    assertThat(Math.abs(noDropout.losses[0] - plain.losses[0])).as(what + ": dropout is active")
                            .isGreaterThan(1e-4);
                }
            }
        }
    }

    @Test
    void backwardBeforeTheLossBackwardOrTwiceIsRefused() {
        ModelConfig shape = TinyModels.qwen2();
        try (CausalDecoder model = TinyModels.build(shape, 3); PointerScope scope = new PointerScope()) {
            model.requiresGrad(true);
            ScoringBatch rows = ExampleBatches.pairs(TrainingFixtures.randomPairs(2, shape.vocabSize(), 1),
                    CPU.torchDevice());
            CheckpointedForward f = model.forwardPaddedCheckpointed(rows.inputIds(), rows.valid());
            assertThatThrownBy(f::backward).hasMessageContaining("needs the loss's backward first");
            f.logits().sum().backward();
            f.backward();
            assertThatThrownBy(f::backward).hasMessageContaining("runs once");
            try (NoGradGuard noGrad = new NoGradGuard()) {
                assertThatThrownBy(() -> model.forwardPaddedCheckpointed(rows.inputIds(), rows.valid()))
                        .hasMessageContaining("grad mode is off");
            }
        }
    }

    private static ObjectiveStep objective(CausalDecoder policy, ReferenceLogProbs ref, boolean preference,
                                           boolean checkpointing) {
        return preference ? ObjectiveStep.preference(policy, ref, new PreferenceLoss(0.5), CPU, false, checkpointing)
                : ObjectiveStep.sft(policy, CPU, false, checkpointing);
    }

    /** Losses of two micro-batches and the gradients they accumulate (cloned). */
    private record Run(double[] losses, Map<String, Tensor> grads) {
    }

    /**
     * Two micro-batches from one seed, as a trainer's step runs them: the second one also checks that the
     * random generator is left where a plain forward would leave it.
     */
    private static Run run(Map<String, Tensor> trainable, List<TokenizedExample> pairs, ObjectiveStep objective) {
        trainable.values().forEach(t -> {
            if (t.grad().defined()) {
                t.grad().zero_();
            }
        });
        torch.manual_seed(17);
        double[] losses = new double[2];
        for (int m = 0; m < 2; m++) {
            try (PointerScope scope = new PointerScope()) {
                ObjectiveStep.Result r = objective.forward(pairs.subList(2 * m, 2 * m + 2));
                losses[m] = r.loss().item_double();
                r.backward(2);
            }
        }
        Map<String, Tensor> grads = new LinkedHashMap<>();
        trainable.forEach((name, t) -> grads.put(name, t.grad().clone()));
        return new Run(losses, grads);
    }

    private static void assertSame(String what, Run plain, Run checkpointed) {
        for (int m = 0; m < plain.losses.length; m++) {
            assertThat(checkpointed.losses[m]).as(what + " loss of micro-batch " + m)
                    .isCloseTo(plain.losses[m], within(RELATIVE * Math.abs(plain.losses[m])));
        }
        assertThat(checkpointed.grads.keySet()).isEqualTo(plain.grads.keySet());
        plain.grads.forEach((name, expected) -> {
            double norm = expected.norm().item_double();
            assertThat(norm).as(what + ": " + name + " has a gradient").isGreaterThan(1e-6);
            double error = checkpointed.grads.get(name).sub(expected).norm().item_double();
            assertThat(error / norm).as(what + ": relative error of " + name + "'s gradient")
                    .isLessThan(RELATIVE);
        });
    }

    private static CausalDecoder copyOf(CausalDecoder model) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            return CausalDecoder.fromTensors(model.config(), model.stateDict(), CPU, Precision.FP32, "copy");
        }
    }

    private static void perturb(List<Tensor> tensors, double scale, long seed) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            torch.manual_seed(seed);
            tensors.forEach(p -> p.add_(torch.randn(p.sizes().vec().get()).mul_(new Scalar(scale))));
        }
    }
}
