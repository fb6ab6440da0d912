package org.stepdpo.engine.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stepdpo.engine.TinyModels;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.KvCache;

class GenerationTest {

    private static CausalDecoder model;

    @BeforeAll
    static void build() {
        NativeTorch.ensureLoaded();
        model = TinyModels.build(TinyModels.qwen2(), 3);
    }

    @AfterAll
    static void release() {
        model.close();
    }

    @Test
    void cachedDecodingGivesTheLogitsOfAFullRecompute() {
        long[] seq = {4, 8, 15, 16, 23, 42, 7, 1, 90, 2};
        int prompt = 4;
        try (NoGradGuard noGrad = new NoGradGuard(); KvCache cache = model.newCache(1, seq.length)) {
            float[] full = TinyModels.toArray(model.forward(TinyModels.ids(seq, 1))); // [1, T, V]
            int v = model.config().vocabSize();
            long[] head = java.util.Arrays.copyOf(seq, prompt);
            Tensor pos = TinyModels.ids(new long[] {0, 1, 2, 3}, 1);
            float[] prefill = TinyModels.toArray(model.forward(TinyModels.ids(head, 1), pos, null, cache, 0));
            assertClose(prefill, java.util.Arrays.copyOf(full, prompt * v));
            for (int t = prompt; t < seq.length; t++) {
                float[] step = TinyModels.toArray(model.forward(TinyModels.ids(new long[] {seq[t]}, 1),
                        TinyModels.ids(new long[] {t}, 1), null, cache, t));
                assertClose(step, java.util.Arrays.copyOfRange(full, t * v, (t + 1) * v));
            }
        }
    }

    @Test
    void cachedDecodingOfEveryFamilyAndRopeScalingGivesTheLogitsOfAFullRecomputeNearAndFarFromPositionZero() {
        var qwen3Yarn = TinyModels.qwen3().withRopeScaling(org.stepdpo.engine.model.RopeScaling.yarn(4.0, 32_768), 131_072);
        for (var config : List.of(TinyModels.qwen3(), TinyModels.llama31(), TinyModels.r1DistillQwen(), qwen3Yarn,
                TinyModels.mistral())) {
            try (CausalDecoder m = TinyModels.build(config, 5)) {
                for (int first : new int[] {0, 8_188, 30_000}) {
                    assertCachedStepsMatchFullRecompute(m, first);
                }
            }
        }
    }

    @Test
    void cachedDecodingFollowsInPlaceUpdatesOfTheProjections() {
        for (var config : List.of(TinyModels.qwen2(), TinyModels.llama(), TinyModels.qwen3())) {
            try (CausalDecoder fresh = TinyModels.build(config, 11)) {
                assertCachedStepsMatchFullRecompute(fresh);
                try (NoGradGuard noGrad = new NoGradGuard()) {
                    // as an optimiser step does: in place, so only the tensors' version counters change
                    fresh.stateDict().forEach((name, t) -> {
                        if (name.contains("self_attn.") && !name.contains("o_proj")) {
                            t.add_(torch.randn(t.sizes().vec().get()).mul_(new Scalar(0.5)));
                        }
                    });
                }
                assertCachedStepsMatchFullRecompute(fresh);
            }
        }
    }

    private static void assertCachedStepsMatchFullRecompute(CausalDecoder m) {
        assertCachedStepsMatchFullRecompute(m, 0);
    }

    /**
     * A prompt of 3 tokens and 5 one-token steps (the fused decoding path) with the cache, at RoPE positions
     * {@code first..}, against one forward of the whole sequence at the same positions.
     */
    private static void assertCachedStepsMatchFullRecompute(CausalDecoder m, int first) {
        long[] seq = {4, 8, 15, 16, 23, 42, 7, 1};
        long[] positions = new long[seq.length];
        for (int i = 0; i < seq.length; i++) {
            positions[i] = first + i;
        }
        int prompt = 3;
        int v = m.config().vocabSize();
        try (InferenceMode inference = new InferenceMode(); KvCache cache = m.newCache(1, seq.length)) {
            float[] full = TinyModels.toArray(m.forward(TinyModels.ids(seq, 1), TinyModels.ids(positions, 1), null,
                    null, 0)); // [1, T, V]
            float[] prefill = TinyModels.toArray(m.forward(TinyModels.ids(java.util.Arrays.copyOf(seq, prompt), 1),
                    TinyModels.ids(java.util.Arrays.copyOf(positions, prompt), 1), null, cache, 0));
            assertClose(prefill, java.util.Arrays.copyOf(full, prompt * v));
            for (int t = prompt; t < seq.length; t++) {
                float[] step = TinyModels.toArray(m.forward(TinyModels.ids(new long[] {seq[t]}, 1),
                        TinyModels.ids(new long[] {positions[t]}, 1), null, cache, t));
                assertClose(step, java.util.Arrays.copyOfRange(full, t * v, (t + 1) * v));
            }
        }
    }

    @Test
    void paddedBatchGeneratesWhatEachPromptGeneratesAlone() {
        assertPaddedBatchGeneratesWhatEachPromptGeneratesAlone(model);
    }

    @Test
    void paddedBatchesOfQwen3AndLlama31GenerateWhatEachPromptGeneratesAlone() {
        for (var config : List.of(TinyModels.qwen3(), TinyModels.llama31())) {
            try (CausalDecoder m = TinyModels.build(config, 9)) {
                assertPaddedBatchGeneratesWhatEachPromptGeneratesAlone(m);
            }
        }
    }

    /** Several EOS ids (Llama 3.1's generation_config.json has three): each ends its request at its first one. */
    @Test
    void anyOfSeveralEosIdsEndsARequest() {
        TokenGenerator generator = new TokenGenerator(model);
        List<int[]> prompts = List.of(new int[] {30, 31}, new int[] {3}, new int[] {50, 51, 52});
        long[] seeds = {1, 2, 3};
        List<GeneratedTokens> free = generator.generate(prompts, seeds, SamplingParams.greedy(10), Set.of(),
                StopCheck.NEVER);
        Set<Integer> eos = Set.of(free.get(0).tokens()[4], free.get(1).tokens()[2]);
        List<GeneratedTokens> ended = generator.generate(prompts, seeds, SamplingParams.greedy(10), eos, StopCheck.NEVER);
        for (int i = 0; i < prompts.size(); i++) {
            int[] all = free.get(i).tokens();
            int first = 0;
            while (first < all.length && !eos.contains(all[first])) {
                first++;
            }
            assertThat(ended.get(i).tokens()).as("request %d", i).containsExactly(java.util.Arrays.copyOf(all, first));
            assertThat(ended.get(i).reason()).as("request %d", i)
                    .isEqualTo(first < all.length ? FinishReason.EOS : FinishReason.LENGTH);
        }
        assertThat(ended.get(0).reason()).isEqualTo(FinishReason.EOS);
        assertThat(ended.get(1).reason()).isEqualTo(FinishReason.EOS);
    }

    private static void assertPaddedBatchGeneratesWhatEachPromptGeneratesAlone(CausalDecoder model) {
        List<int[]> prompts = List.of(new int[] {5, 6, 7, 8, 9, 10, 11}, new int[] {12}, new int[] {40, 41, 42});
        TokenGenerator generator = new TokenGenerator(model);
        SamplingParams greedy = SamplingParams.greedy(12);
        List<GeneratedTokens> batched = generator.generate(prompts, new long[] {1, 2, 3}, greedy, Set.of(), StopCheck.NEVER);
        for (int i = 0; i < prompts.size(); i++) {
            GeneratedTokens alone = generator.generate(List.of(prompts.get(i)), new long[] {1}, greedy, Set.of(),
                    StopCheck.NEVER).get(0);
            assertThat(batched.get(i).tokens()).as("prompt %d", i).containsExactly(alone.tokens());
            assertThat(alone.tokens()).hasSize(12);
            assertThat(alone.reason()).isEqualTo(FinishReason.LENGTH);
        }
    }

    @Test
    void sampledTokensDependOnTheRequestSeedOnlyNotOnTheBatch() {
        TokenGenerator generator = new TokenGenerator(model);
        SamplingParams params = new SamplingParams(1.0, 0.9, 50, 16, List.of());
        int[] prompt = {20, 21, 22};
        List<GeneratedTokens> batch = generator.generate(List.of(new int[] {1, 2, 3, 4, 5}, prompt, prompt),
                new long[] {9, 77, 78}, params, Set.of(), StopCheck.NEVER);
        GeneratedTokens alone = generator.generate(List.of(prompt), new long[] {77}, params, Set.of(), StopCheck.NEVER).get(0);
        assertThat(batch.get(1).tokens()).containsExactly(alone.tokens());
        assertThat(batch.get(2).tokens()).isNotEqualTo(batch.get(1).tokens());
    }

    @Test
    void topKOfOneIsGreedy() {
        TokenGenerator generator = new TokenGenerator(model);
        List<int[]> prompts = List.of(new int[] {30, 31}, new int[] {3});
        List<GeneratedTokens> greedy = generator.generate(prompts, new long[] {1, 2}, SamplingParams.greedy(10), Set.of(),
                StopCheck.NEVER);
        List<GeneratedTokens> topOne = generator.generate(prompts, new long[] {5, 6},
                new SamplingParams(1.3, 1.0, 1, 10, List.of()), Set.of(), StopCheck.NEVER);
        for (int i = 0; i < prompts.size(); i++) {
            assertThat(topOne.get(i).tokens()).containsExactly(greedy.get(i).tokens());
        }
    }

    @Test
    void eosAndStopChecksEndOnlyTheirOwnRequest() {
        TokenGenerator generator = new TokenGenerator(model);
        List<int[]> prompts = List.of(new int[] {30, 31}, new int[] {3});
        List<GeneratedTokens> free = generator.generate(prompts, new long[] {1, 2}, SamplingParams.greedy(10), Set.of(),
                StopCheck.NEVER);
        int eos = free.get(0).tokens()[3];
        List<GeneratedTokens> ended = generator.generate(prompts, new long[] {1, 2}, SamplingParams.greedy(10), Set.of(eos),
                (row, tokens, count) -> row == 1 && count == 2);
        int firstEos = 0;
        while (free.get(0).tokens()[firstEos] != eos) {
            firstEos++;
        }
        assertThat(ended.get(0).reason()).isEqualTo(FinishReason.EOS);
        assertThat(ended.get(0).tokens()).containsExactly(java.util.Arrays.copyOf(free.get(0).tokens(), firstEos));
        assertThat(ended.get(1).reason()).isEqualTo(FinishReason.STOP);
        assertThat(ended.get(1).tokens()).containsExactly(java.util.Arrays.copyOf(free.get(1).tokens(), 2));
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        assertThat(max).isLessThan(1e-5);
    }
}
