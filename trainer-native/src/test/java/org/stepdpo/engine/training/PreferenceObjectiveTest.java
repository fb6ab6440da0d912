package org.stepdpo.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
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
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.ModelConfig;
import org.stepdpo.engine.training.data.TokenizedExample;
import org.stepdpo.engine.training.lora.LoraAdapters;
import org.stepdpo.engine.training.lora.LoraConfig;
import org.stepdpo.engine.training.loss.PreferenceLoss;

class PreferenceObjectiveTest {

    private static final ComputeDevice CPU = ComputeDevice.cpu();

    @BeforeAll
    static void load() {
        NativeTorch.ensureLoaded();
    }

    private static CausalDecoder copyOf(CausalDecoder model) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            return CausalDecoder.fromTensors(model.config(), model.stateDict(), CPU, Precision.FP32, "copy");
        }
    }

    private static double loss(ObjectiveStep step, List<TokenizedExample> batch) {
        try (PointerScope scope = new PointerScope()) {
            return step.forward(batch).loss().item_double();
        }
    }

    @Test
    void firstStepLossIsLn2WhenPolicyIsTheReferenceForFullAndLora() {
        ModelConfig config = TinyModels.qwen2();
        List<TokenizedExample> pairs = TrainingFixtures.randomPairs(7, config.vocabSize(), 3);
        try (CausalDecoder policy = TinyModels.build(config, 11); CausalDecoder frozen = copyOf(policy)) {
            policy.requiresGrad(true);
            ReferenceLogProbs reference = ReferenceLogProbs.live(frozen, CPU, false, () -> { }, () -> { });
            for (double beta : new double[] {0.1, 0.4, 2.0}) {
                ObjectiveStep step = ObjectiveStep.preference(policy, reference, new PreferenceLoss(beta), CPU, false);
                assertThat(loss(step, pairs)).isCloseTo(Math.log(2), within(1e-5));
                assertThat(loss(step, pairs.subList(2, 3))).isCloseTo(Math.log(2), within(1e-5));
            }
            policy.requiresGrad(false);
            try (LoraAdapters lora = LoraAdapters.attach(policy, new LoraConfig(4, 8, 0.0, LoraConfig.DEFAULT_TARGETS), 1)) {
                ReferenceLogProbs off = ReferenceLogProbs.live(policy, CPU, false, () -> lora.setEnabled(false),
                        () -> lora.setEnabled(true));
                ObjectiveStep step = ObjectiveStep.preference(policy, off, new PreferenceLoss(0.4), CPU, false);
                try (PointerScope scope = new PointerScope()) {
                    ObjectiveStep.Result r = step.forward(pairs);
                    assertThat(r.loss().item_double()).isCloseTo(Math.log(2), within(1e-5));
                    assertThat(r.correct()).isZero();
                    assertThat(r.chosenRewardSum()).isCloseTo(0, within(1e-6));
                }
            }
        }
    }

    @Test
    void sftTermAddsTheChosenContinuationsMeanTokenNllTimesItsWeight() {
        ModelConfig config = TinyModels.qwen2();
        List<TokenizedExample> pairs = TrainingFixtures.randomPairs(5, config.vocabSize(), 4);
        try (CausalDecoder policy = TinyModels.build(config, 13); CausalDecoder frozen = copyOf(policy)) {
            ReferenceLogProbs reference = ReferenceLogProbs.live(frozen, CPU, false, () -> { }, () -> { });
            ObjectiveStep plain = ObjectiveStep.preference(policy, reference, new PreferenceLoss(0.4), CPU, false);
            ObjectiveStep weighted = ObjectiveStep.preference(policy, reference, new PreferenceLoss(0.4, 0.5), CPU,
                    false);
            double expectedTerm = 0;
            for (TokenizedExample pair : pairs) {
                try (PointerScope scope = new PointerScope()) {
                    double chosenLogProb = plain.forward(List.of(pair)).chosenLogProbSum(); // one pair: its own sum
                    expectedTerm += -chosenLogProb / pair.chosen().length / pairs.size();
                }
            }
            assertThat(expectedTerm).isGreaterThan(0.1); // random model: the chosen tokens are far from certain
            assertThat(loss(weighted, pairs)).isCloseTo(loss(plain, pairs) + 0.5 * expectedTerm, within(1e-4));
            assertThat(loss(plain, pairs)).isCloseTo(Math.log(2), within(1e-5)); // weight 0 is the paper's loss
        }
    }

    @Test
    void gradientMatchesCentralFiniteDifferencesAlongRandomDirections() {
        ModelConfig config = TinyModels.llama();
        List<TokenizedExample> pairs = TrainingFixtures.randomPairs(3, config.vocabSize(), 8);
        try (CausalDecoder reference = TinyModels.build(config, 21); CausalDecoder policy = copyOf(reference)) {
            // move the policy away from the reference so that σ(·) is not at its symmetric point
            try (NoGradGuard noGrad = new NoGradGuard()) {
                torch.manual_seed(5);
                policy.parameters().forEach(p -> p.add_(torch.randn(p.sizes().vec().get()).mul_(new Scalar(0.05))));
            }
            ReferenceLogProbs ref = ReferenceLogProbs.live(reference, CPU, false, () -> { }, () -> { });
            ObjectiveStep step = ObjectiveStep.preference(policy, ref, new PreferenceLoss(1.0), CPU, false);
            policy.requiresGrad(true);
            try (PointerScope scope = new PointerScope()) {
                step.forward(pairs).loss().backward();
            }
            Random random = new Random(9);
            for (String name : List.of("model.layers.0.self_attn.q_proj.weight", "model.layers.1.mlp.down_proj.weight",
                    "model.embed_tokens.weight", "model.norm.weight")) {
                Tensor p = policy.stateDict().get(name);
                Tensor grad = p.grad().clone();
                torch.manual_seed(random.nextInt(1000));
                Tensor direction = torch.randn(p.sizes().vec().get());
                direction = direction.div(direction.norm()); // unit vector
                double analytic = grad.mul(direction).sum().item_double();
                double h = 1e-2;
                double plus;
                double minus;
                try (NoGradGuard noGrad = new NoGradGuard()) {
                    p.add_(direction.mul(new Scalar(h)));
                    plus = loss(step, pairs);
                    p.sub_(direction.mul(new Scalar(2 * h)));
                    minus = loss(step, pairs);
                    p.add_(direction.mul(new Scalar(h)));
                }
                double numeric = (plus - minus) / (2 * h);
                assertThat(Math.abs(analytic)).as(name + " gradient is not vanishing").isGreaterThan(1e-3);
                assertThat(numeric).as(name).isCloseTo(analytic, within(0.02 * Math.abs(analytic) + 2e-5));
            }
        }
    }

    @Test
    void onlyContinuationTokensEnterTheLossTargets() {
        ModelConfig config = TinyModels.qwen2();
        List<TokenizedExample> pairs = TrainingFixtures.randomPairs(3, config.vocabSize(), 4);
        try (CausalDecoder model = TinyModels.build(config, 2); NoGradGuard noGrad = new NoGradGuard();
             PointerScope scope = new PointerScope()) {
            var batch = ExampleBatches.pairs(pairs, CPU.torchDevice());
            Tensor sums = new org.stepdpo.engine.scoring.SequenceScorer(model).tokenLogProbs(batch).sum(1); // [2B]
            for (int row = 0; row < 2 * pairs.size(); row++) {
                TokenizedExample e = pairs.get(row % pairs.size());
                int[] cont = row < pairs.size() ? e.chosen() : e.rejected();
                long[] seq = new long[e.prefix().length + cont.length];
                for (int j = 0; j < seq.length; j++) {
                    seq[j] = j < e.prefix().length ? e.prefix()[j] : cont[j - e.prefix().length];
                }
                Tensor logProbs = torch.log_softmax(model.forward(TinyModels.ids(seq, 1)), -1).get(0); // [T, V]
                double continuationOnly = 0;
                double everything = 0;
                for (int t = 1; t < seq.length; t++) {
                    double lp = logProbs.get(t - 1).get(seq[t]).item_double();
                    everything += lp;
                    if (t >= e.prefix().length) {
                        continuationOnly += lp;
                    }
                }
                double ours = sums.get(row).item_double();
                assertThat(ours).isCloseTo(continuationOnly, within(1e-4));
                assertThat(Math.abs(ours - everything)).isGreaterThan(1e-3);
            }
            // Relabelling every prefix target leaves the masked terms as they were.
            Tensor logp = torch.log_softmax(model.forwardPadded(batch.inputIds(), batch.valid()).narrow(1, 0,
                    batch.inputIds().size(1) - 1), -1); // [2B, T-1, V]
            Tensor targets = batch.inputIds().narrow(1, 1, batch.inputIds().size(1) - 1); // [2B, T-1]
            Tensor prefixPositions = batch.targetMask().eq(new Scalar(0.0)); // [2B, T-1]
            Tensor relabelled = torch.where(prefixPositions, torch.randint_like(targets, config.vocabSize()), targets);
            Tensor a = logp.gather(2, targets.unsqueeze(2)).squeeze(2).mul(batch.targetMask()).sum(1); // [2B]
            Tensor b = logp.gather(2, relabelled.unsqueeze(2)).squeeze(2).mul(batch.targetMask()).sum(1); // [2B]
            assertThat(TinyModels.toArray(b)).containsExactly(TinyModels.toArray(a), within(0f));
            assertThat(TinyModels.toArray(a)).containsExactly(TinyModels.toArray(sums), within(1e-5f));
        }
    }
}
