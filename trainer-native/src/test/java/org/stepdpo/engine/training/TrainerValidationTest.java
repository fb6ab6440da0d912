package org.stepdpo.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.engine.GenerationRequest;
import org.stepdpo.engine.TinyModels;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.checkpoint.HfCheckpoint;
import org.stepdpo.engine.checkpoint.SafetensorsFile;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.generation.SamplingParams;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.KvCache;
import org.stepdpo.engine.training.data.PromptFormat;
import org.stepdpo.engine.training.data.Truncation;
import org.stepdpo.engine.training.lora.LoraConfig;
import org.stepdpo.engine.training.validation.BestModel;
import org.stepdpo.engine.training.validation.BestModelStore;
import org.stepdpo.engine.training.validation.Validation;
import org.stepdpo.engine.training.validation.ValidationPoint;

/** Validation during training: which weights OUT/best holds, the history, resumes, and training left unchanged. */
class TrainerValidationTest {

    private static final PromptFormat FORMAT = new PromptFormat("Q{question}=", "");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LoraConfig LORA_WITH_DROPOUT = new LoraConfig(4, 8, 0.1, List.of("q_proj", "v_proj", "up_proj"));

    @TempDir
    static Path shared;
    static Path model;
    static Path pairs;

    @TempDir
    Path dir;

    @BeforeAll
    static void fixtures() {
        NativeTorch.ensureLoaded();
        model = TrainingFixtures.tinyModel(shared.resolve("model"));
        pairs = TrainingFixtures.stepPairs(shared.resolve("pairs.jsonl"), 10);
    }

    /** Step-DPO, full fine-tuning, 6 steps of 2 pairs, a checkpoint after every step (all kept). */
    private static TrainingConfig config() {
        return TrainingConfig.defaults(Objective.STEP_DPO, model).withBeta(0.5)
                .withOptimization(Optimization.defaults().withLearningRate(3e-3).withSteps(6).withBatch(2, 1)
                        .withWarmupRatio(0.2).withSeed(3))
                .withTruncation(new Truncation(64, 32)).withCheckpoints(1, 10);
    }

    private static TrainingData data() {
        return TrainingData.read(pairs, Objective.STEP_DPO, FORMAT, false);
    }

    /** Scores looked up by step; records the steps asked and what it saw of the live model. */
    private static final class ScriptedValidation implements Validation {
        final Map<Integer, Double> scores;
        final List<Integer> calls = new ArrayList<>();
        boolean gradModeSeen;
        boolean dropoutSeen;
        double worstCachedDecodeGap;

        ScriptedValidation(Map<Integer, Double> scores) {
            this.scores = scores;
        }

        @Override
        public double score(TorchLanguageModel live, int step) {
            calls.add(step);
            gradModeSeen |= GradMode.is_enabled();
            int[] probe = {40, 81, 52, 61};
            dropoutSeen |= !Arrays.deepEquals(live.logits(probe), live.logits(probe));
            worstCachedDecodeGap = Math.max(worstCachedDecodeGap, cachedDecodeGap(live.decoder()));
            Double s = scores.get(step);
            if (s == null) {
                throw new AssertionError("no scripted score for step " + step);
            }
            return s;
        }
    }

    /**
     * Largest |logit| difference between one KV-cached decoding step (the fused q/k/v path generation uses) and a
     * full recompute: a fused copy left over from older weights would show here.
     */
    private static double cachedDecodeGap(CausalDecoder m) {
        long[] seq = {40, 81, 52, 61, 33, 70};
        int last = seq.length - 1;
        int v = m.config().vocabSize();
        try (KvCache cache = m.newCache(1, seq.length)) {
            float[] full = TinyModels.toArray(m.forward(TinyModels.ids(seq, 1))); // [1, T, V]
            m.forward(TinyModels.ids(Arrays.copyOf(seq, last), 1), TinyModels.ids(new long[] {0, 1, 2, 3, 4}, 1), null,
                    cache, 0);
            float[] step = TinyModels.toArray(m.forward(TinyModels.ids(new long[] {seq[last]}, 1),
                    TinyModels.ids(new long[] {last}, 1), null, cache, last)); // [1, 1, V]
            double gap = 0;
            for (int i = 0; i < v; i++) {
                gap = Math.max(gap, Math.abs(step[i] - full[last * v + i]));
            }
            return gap;
        }
    }

    private static boolean sameTensors(Map<String, Tensor> a, Map<String, Tensor> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> torch.equal(a.get(k), b.get(k)));
    }

    private static Map<String, Tensor> checkpoint(Path out, int step) {
        return SafetensorsFile.read(out.resolve(Trainer.CHECKPOINTS).resolve(String.format("step-%06d", step))
                .resolve("trainable.safetensors"));
    }

    private static List<Double> losses(TrainingResult r) {
        return r.metrics().stream().map(StepMetrics::loss).toList();
    }

    @Test
    void bestHoldsTheWeightsOfTheBestScoredStepAndBestJsonTheWholeHistory() throws Exception {
        ScriptedValidation v = new ScriptedValidation(Map.of(0, 0.2, 2, 0.5, 4, 0.7, 6, 0.7));
        Path out = dir.resolve("run");
        List<BestModel> reported = new ArrayList<>();
        TrainingResult r = Trainer.run(config().withValidation(2, v), data(), out, new TrainingListener() {
            @Override
            public void onValidation(ValidationPoint point, BestModel best) {
                reported.add(best);
            }
        });

        assertThat(v.calls).containsExactly(0, 2, 4, 6);
        assertThat(v.gradModeSeen).as("grad mode during validation").isFalse();
        assertThat(v.worstCachedDecodeGap).as("cached decoding of the live weights").isLessThan(1e-4);
        List<ValidationPoint> history = List.of(new ValidationPoint(0, 0.2), new ValidationPoint(2, 0.5),
                new ValidationPoint(4, 0.7), new ValidationPoint(6, 0.7));
        assertThat(r.best()).isEqualTo(new BestModel(out.resolve("best"), 4, 0.7, history));
        assertThat(reported).extracting(BestModel::step).containsExactly(0, 2, 4, 4);

        JsonNode summary = JSON.readTree(out.resolve(BestModelStore.SUMMARY).toFile());
        assertThat(summary.get("step").asInt()).isEqualTo(4);
        assertThat(summary.get("score").asDouble()).isEqualTo(0.7);
        assertThat(summary.get("history").findValuesAsText("step")).containsExactly("0", "2", "4", "6");

        Map<String, Tensor> best = HfCheckpoint.readTensors(out.resolve("best"));
        assertThat(sameTensors(best, checkpoint(out, 4))).as("best/ = the weights after step 4").isTrue();
        assertThat(sameTensors(best, checkpoint(out, 6))).as("the weights moved after step 4").isFalse();
        assertThat(sameTensors(HfCheckpoint.readTensors(out.resolve(Trainer.FINAL)), checkpoint(out, 6))).isTrue();
        try (TorchLanguageModel loaded = TorchLanguageModel.load(out.resolve("best"), org.stepdpo.engine.device.DeviceChoice.CPU,
                null)) {
            assertThat(loaded.tokenizer().encode("Q1+2=", false)).isNotEmpty();
        }
    }

    @Test
    void theStartingWeightsWinATieAndLoraBestFoldersAreMerged() {
        ScriptedValidation flat = new ScriptedValidation(Map.of(0, 0.5, 2, 0.5, 4, 0.5, 6, 0.5));
        TrainingResult tie = Trainer.run(config().withLora(LORA_WITH_DROPOUT).withValidation(2, flat), data(),
                dir.resolve("tie"), TrainingListener.NONE);
        assertThat(flat.dropoutSeen).as("LoRA dropout during validation").isFalse();
        assertThat(flat.gradModeSeen).isFalse();
        assertThat(tie.best().step()).isZero();
        assertThat(sameTensors(HfCheckpoint.readTensors(tie.best().folder()), HfCheckpoint.readTensors(model)))
                .as("best/ = the starting model").isTrue();

        Map<Integer, Double> rising = Map.of(0, 0.1, 2, 0.2, 4, 0.3, 6, 0.4);
        TrainingResult last = Trainer.run(config().withLora(LORA_WITH_DROPOUT)
                .withValidation(2, new ScriptedValidation(rising)), data(), dir.resolve("rising"), TrainingListener.NONE);
        assertThat(last.best().step()).isEqualTo(6);
        Map<String, Tensor> best = HfCheckpoint.readTensors(last.best().folder());
        assertThat(best).doesNotContainKey("model.layers.0.self_attn.q_proj.lora_A.weight");
        assertThat(sameTensors(best, HfCheckpoint.readTensors(last.finalModel()))).as("best/ = final/ (merged)").isTrue();
        assertThat(sameTensors(best, HfCheckpoint.readTensors(model))).isFalse();
    }

    @Test
    void generatingWithTheLiveModelLeavesTrainingBitIdenticalFullAndLoraWithDropout() {
        Validation generating = (live, step) -> {
            torch.randn(new long[] {16}); // torch's generator is re-seeded before every step: draws here change nothing
            var answers = live.generate(List.of(new GenerationRequest("Q1+2=S1:", 0), new GenerationRequest("Q3+4=", 1)),
                    SamplingParams.greedy(6));
            return answers.stream().filter(a -> a.text().contains("3")).count() / 2.0;
        };
        for (LoraConfig lora : new LoraConfig[] {null, LORA_WITH_DROPOUT}) {
            String tag = lora == null ? "full" : "lora";
            TrainingConfig c = config().withLora(lora);
            TrainingResult plain = Trainer.run(c, data(), dir.resolve("plain-" + tag), TrainingListener.NONE);
            TrainingResult validated = Trainer.run(c.withValidation(1, generating), data(), dir.resolve("validated-" + tag),
                    TrainingListener.NONE);
            assertThat(validated.best().history()).as(tag).hasSize(7);
            assertThat(losses(validated)).as(tag + " loss curve").isEqualTo(losses(plain));
            assertThat(sameTensors(HfCheckpoint.readTensors(validated.finalModel()),
                    HfCheckpoint.readTensors(plain.finalModel()))).as(tag + " final weights").isTrue();
        }
    }

    @Test
    void aResumeAfterAKillKeepsEveryValidationOnceAndTheBestFolderOfBeforeTheKill() throws Exception {
        Map<Integer, Double> scores = Map.of(0, 0.1, 1, 0.2, 2, 0.3, 3, 0.2, 4, 0.9, 5, 0.4, 6, 0.9);
        TrainingConfig c = config().withCheckpoints(3, 10);
        TrainingResult straight = Trainer.run(c.withValidation(1, new ScriptedValidation(scores)), data(),
                dir.resolve("straight"), TrainingListener.NONE);
        assertThat(straight.best().step()).isEqualTo(4);

        Path split = dir.resolve("split");
        ScriptedValidation before = new ScriptedValidation(scores);
        assertThatThrownBy(() -> Trainer.run(c.withValidation(1, before), data(), split, new TrainingListener() {
            @Override
            public void onValidation(ValidationPoint point, BestModel best) {
                if (point.step() == 5) {
                    throw new TrainerTest.InterruptedRun(); // killed after step 5's validation; the last checkpoint is step 3
                }
            }
        })).isInstanceOf(TrainerTest.InterruptedRun.class);
        ScriptedValidation after = new ScriptedValidation(scores);
        TrainingResult resumed = Trainer.run(c.withValidation(1, after).withResume(true), data(), split,
                TrainingListener.NONE);

        assertThat(resumed.resumedFrom()).isEqualTo(3);
        assertThat(before.calls).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(after.calls).as("steps 4 and 5 were validated before the kill").containsExactly(6);
        assertThat(resumed.best()).isEqualTo(new BestModel(split.resolve("best"), 4, 0.9, straight.best().history()));
        assertThat(JSON.readTree(split.resolve(BestModelStore.SUMMARY).toFile()))
                .isEqualTo(JSON.readTree(dir.resolve("straight").resolve(BestModelStore.SUMMARY).toFile()));
        assertThat(sameTensors(HfCheckpoint.readTensors(split.resolve("best")),
                HfCheckpoint.readTensors(dir.resolve("straight").resolve("best")))).isTrue();
    }
}
