package org.stepdpo.engine.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.stepdpo.engine.TinyModels;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.model.CausalDecoder;

class SequenceScorerTest {

    @Test
    void scoresAreLogSoftmaxOfTheContinuationTokensAloneAndBatchIndependent() {
        NativeTorch.ensureLoaded();
        try (CausalDecoder model = TinyModels.build(TinyModels.llama(), 5)) {
            SequenceScorer scorer = new SequenceScorer(model);
            List<int[]> prefixes = List.of(new int[] {1, 2, 3, 4, 5, 6}, new int[] {7}, new int[] {8, 9});
            List<int[]> continuations = List.of(new int[] {10, 11}, new int[] {12, 13, 14, 15}, new int[] {16});
            List<ContinuationScore> batched = scorer.score(prefixes, continuations);
            for (int i = 0; i < prefixes.size(); i++) {
                int[] prefix = prefixes.get(i);
                int[] cont = continuations.get(i);
                long[] seq = new long[prefix.length + cont.length];
                for (int j = 0; j < seq.length; j++) {
                    seq[j] = j < prefix.length ? prefix[j] : cont[j - prefix.length];
                }
                float[] expected = new float[cont.length];
                try (NoGradGuard noGrad = new NoGradGuard()) {
                    Tensor logProbs = torch.log_softmax(model.forward(TinyModels.ids(seq, 1)), -1); // [1, T, V]
                    for (int j = 0; j < cont.length; j++) {
                        expected[j] = logProbs.get(0).get(prefix.length + j - 1).get(cont[j]).item_float();
                    }
                }
                ContinuationScore score = batched.get(i);
                assertThat(score.tokens()).containsExactly(cont);
                assertThat(score.tokenLogProbs()).containsExactly(expected, within(1e-5f));
                double sum = 0;
                for (float e : expected) {
                    sum += e;
                }
                assertThat(score.logProbSum()).isCloseTo(sum, within(1e-4));
            }
        }
    }

    @Test
    void tokenLogProbsCarryGradientsForTraining() {
        NativeTorch.ensureLoaded();
        try (CausalDecoder model = TinyModels.build(TinyModels.qwen2(), 6)) {
            model.requiresGrad(true);
            ScoringBatch batch = ScoringBatch.of(List.of(new int[] {1, 2}, new int[] {3}),
                    List.of(new int[] {4}, new int[] {5, 6}), model.device().torchDevice());
            Tensor sum = new SequenceScorer(model).tokenLogProbs(batch).sum();
            sum.backward();
            Tensor grad = model.stateDict().get("model.layers.0.self_attn.q_proj.bias").grad();
            assertThat(grad.defined()).isTrue();
            assertThat(grad.abs().sum().item_float()).isGreaterThan(0f);
        }
    }
}
