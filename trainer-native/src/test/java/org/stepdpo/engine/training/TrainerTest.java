package org.stepdpo.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.engine.ScoringRequest;
import org.stepdpo.engine.checkpoint.SafetensorsFile;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.engine.training.checkpoint.CheckpointStore;
import org.stepdpo.engine.training.data.PromptFormat;
import org.stepdpo.engine.training.data.Truncation;
import org.stepdpo.engine.training.lora.LoraAdapters;
import org.stepdpo.engine.training.lora.LoraConfig;

class TrainerTest {

    private static final PromptFormat FORMAT = new PromptFormat("Q{question}=", "");
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private static TrainingConfig config(Objective objective, double lr, int steps, int batch, int accumulation) {
        return TrainingConfig.defaults(objective, model).withBeta(0.5)
                .withOptimization(Optimization.defaults().withLearningRate(lr).withSteps(steps)
                        .withBatch(batch, accumulation).withWarmupRatio(0.2).withSeed(3))
                .withTruncation(new Truncation(64, 32)).withCheckpoints(1, 10);
    }

    private static TrainingConfig noWarmup(TrainingConfig c) {
        return c.withOptimization(c.optimization().withWarmupRatio(0));
    }

    private static TrainingData data(Objective objective) {
        return TrainingData.read(pairs, objective, FORMAT, false);
    }

    private static List<Double> losses(TrainingResult r) {
        return r.metrics().stream().map(StepMetrics::loss).toList();
    }

    @Test
    void resumedRunFollowsTheUninterruptedLossCurveFullAndLoraWithAndWithoutActivationCheckpointing()
            throws Exception {
        LoraConfig withDropout = new LoraConfig(4, 8, 0.1, List.of("q_proj", "v_proj", "up_proj"));
        Map<String, List<Double>> curves = new HashMap<>();
        for (LoraConfig lora : new LoraConfig[] {null, withDropout}) {
            for (boolean checkpointing : new boolean[] {false, true}) {
                String tag = (lora == null ? "full" : "lora") + (checkpointing ? "-checkpointed" : "");
                curves.put(tag, resumedRunFollowsTheUninterruptedLossCurve(tag, lora, checkpointing));
            }
        }
        for (String mode : List.of("full", "lora")) {
            List<Double> plain = curves.get(mode);
            List<Double> checkpointed = curves.get(mode + "-checkpointed");
            for (int i = 0; i < plain.size(); i++) {
                assertThat(checkpointed.get(i)).as(mode + " step " + (i + 1) + " with activation checkpointing")
                        .isCloseTo(plain.get(i), within(1e-5));
            }
        }
    }

    private List<Double> resumedRunFollowsTheUninterruptedLossCurve(String tag, LoraConfig lora, boolean checkpointing)
            throws Exception {
        TrainingConfig c = config(Objective.STEP_DPO, 3e-3, 6, 2, 2).withLora(lora).withCheckpoints(3, 10)
                .withActivationCheckpointing(checkpointing);
        TrainingResult straight = Trainer.run(c, data(Objective.STEP_DPO), dir.resolve("straight-" + tag),
                TrainingListener.NONE);
        Path split = dir.resolve("split-" + tag);
        List<Double> before = new ArrayList<>();
        assertThatThrownBy(() -> Trainer.run(c, data(Objective.STEP_DPO), split, new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                before.add(m.loss());
            }

            @Override
            public void onCheckpoint(int step, Path d) {
                throw new InterruptedRun(); // a kill right after the step-3 checkpoint
            }
        })).isInstanceOf(InterruptedRun.class);
        assertThatThrownBy(() -> Trainer.run(c, data(Objective.STEP_DPO), split, TrainingListener.NONE))
                .hasMessageContaining("already holds checkpoints");
        TrainingResult resumed = Trainer.run(c.withResume(true), data(Objective.STEP_DPO), split, TrainingListener.NONE);

        assertThat(resumed.resumedFrom()).isEqualTo(3);
        List<Double> joined = new ArrayList<>(before);
        joined.addAll(losses(resumed));
        List<Double> expected = losses(straight);
        assertThat(joined).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(joined.get(i)).as(tag + " step " + (i + 1)).isCloseTo(expected.get(i), within(1e-6));
        }
        assertThat(expected.get(5)).as(tag + ": the weights moved").isNotCloseTo(expected.get(0), within(1e-4));
        List<String> lines = Files.readAllLines(split.resolve(Trainer.METRICS));
        assertThat(lines).hasSize(6);
        assertThat(JSON.readTree(lines.get(5)).get("loss").asDouble()).isCloseTo(expected.get(5), within(1e-6));
        assertThat(split.resolve("final/model.safetensors")).exists();
        return expected;
    }

    @Test
    void stepDpoDrivesRewardAccuracyAboveNinetyPercentAndWidensTheLogProbGap() throws Exception {
        TrainingConfig c = config(Objective.STEP_DPO, 1e-2, 30, 5, 1).withLora(null).withCheckpoints(0, 1);
        TrainingResult r = Trainer.run(c, data(Objective.STEP_DPO), dir.resolve("run"), TrainingListener.NONE);
        StepMetrics first = r.metrics().get(0);
        assertThat(first.loss()).isCloseTo(Math.log(2), within(1e-5));
        List<ScoringRequest> requests = new ArrayList<>();
        for (var p : data(Objective.STEP_DPO).pairs()) {
            String prefix = FORMAT.render(p.prompt()) + p.initialReasonSteps();
            requests.add(new ScoringRequest(prefix, p.chosen()));
            requests.add(new ScoringRequest(prefix, p.rejected()));
        }
        double[] start = gaps(model, requests);
        double[] end = gaps(r.finalModel(), requests);
        int accurate = 0;
        double rise = 0;
        for (int i = 0; i < start.length; i++) {
            accurate += end[i] - start[i] > 0 ? 1 : 0; // β·(Δ chosen − Δ rejected) > 0 ⇔ r_win > r_lose
            rise += (end[i] - start[i]) / start.length;
        }
        assertThat(accurate / (double) start.length).isGreaterThan(0.9);
        assertThat(rise).as("mean rise of log π(chosen) − log π(rejected)").isGreaterThan(1.0);
        assertThat(r.metrics().get(r.metrics().size() - 1).rewardAccuracy()).isGreaterThan(0.9);
        JsonNode line = JSON.readTree(Files.readAllLines(dir.resolve("run").resolve(Trainer.METRICS)).get(0));
        for (String field : List.of("step", "loss", "reward_accuracy", "reward_margin", "chosen_reward",
                "rejected_reward", "lr", "grad_norm", "tokens_per_s", "peak_memory_mb")) {
            assertThat(line.has(field)).as(field).isTrue();
        }
    }

    private static double[] gaps(Path folder, List<ScoringRequest> requests) {
        try (TorchLanguageModel lm = TorchLanguageModel.load(folder, DeviceChoice.CPU, Precision.FP32)) {
            var scores = lm.score(requests);
            double[] gaps = new double[requests.size() / 2];
            for (int i = 0; i < gaps.length; i++) {
                gaps[i] = scores.get(2 * i).logProbSum() - scores.get(2 * i + 1).logProbSum();
            }
            return gaps;
        }
    }

    @Test
    void sftAndDpoRunAndLoraSavesMergedAndPeftFolders() throws Exception {
        Path sftFile = TrainingFixtures.write(dir.resolve("sft.jsonl"), List.of(
                "{\"prompt\": \"1+2\", \"completion\": \" 3\"}", "{\"prompt\": \"2+2\", \"completion\": \" 4\"}"));
        TrainingResult sft = Trainer.run(noWarmup(config(Objective.SFT, 1e-2, 8, 2, 1)),
                TrainingData.read(sftFile, Objective.SFT, FORMAT, false), dir.resolve("sft"), TrainingListener.NONE);
        assertThat(sft.finalLoss()).isLessThan(sft.metrics().get(0).loss());
        JsonNode sftLine = JSON.readTree(Files.readAllLines(dir.resolve("sft").resolve(Trainer.METRICS)).get(0));
        assertThat(sftLine.has("loss")).isTrue();
        assertThat(sftLine.has("reward_accuracy")).isFalse();

        Path full = TrainingFixtures.write(dir.resolve("dpo.jsonl"), List.of(
                "{\"prompt\": \"1+2\", \"full_chosen\": \" 3\", \"full_rejected\": \" 5\"}",
                "{\"prompt\": \"2+2\", \"full_chosen\": \" 4\", \"full_rejected\": \" 7\"}"));
        TrainingConfig lora = config(Objective.DPO, 1e-2, 4, 2, 1)
                .withLora(new LoraConfig(2, 4, 0.0, LoraConfig.DEFAULT_TARGETS)).withPrecomputedReference(true);
        TrainingResult dpo = Trainer.run(lora, TrainingData.read(full, Objective.DPO, FORMAT, false), dir.resolve("dpo"),
                TrainingListener.NONE);
        assertThat(dpo.metrics().get(0).loss()).isCloseTo(Math.log(2), within(1e-5));
        assertThat(dpo.adapter().resolve(LoraAdapters.CONFIG_FILE)).exists();
        JsonNode config = JSON.readTree(dpo.adapter().resolve(LoraAdapters.CONFIG_FILE).toFile());
        assertThat(config.get("peft_type").asText()).isEqualTo("LORA");
        assertThat(config.get("r").asInt()).isEqualTo(2);
        var keys = org.stepdpo.engine.checkpoint.SafetensorsFile.readHeader(dpo.adapter().resolve(LoraAdapters.WEIGHTS_FILE)).keySet();
        assertThat(keys).contains("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
                "base_model.model.model.layers.1.self_attn.o_proj.lora_B.weight").hasSize(2 * 2 * 4);
        try (TorchLanguageModel merged = TorchLanguageModel.load(dpo.finalModel(), DeviceChoice.CPU, Precision.FP32)) {
            assertThat(merged.decoder().stateDict()).doesNotContainKey("model.layers.0.self_attn.q_proj.lora_A.weight");
        }
    }

    /** Qwen3 (q/k norms, head_dim 16 ≠ 32/4) and Llama 3.1 (llama3 RoPE): LoRA Step-DPO learns and saves both. */
    @Test
    void stepDpoWithLoraTrainsQwen3AndLlama31AndTheirFinalFoldersKeepTheirArchitecture() throws Exception {
        var qwen3 = new org.stepdpo.engine.ModelInitializer.Spec(org.stepdpo.engine.model.Architecture.QWEN3, 0, 32, 64,
                2, 4, 2, 1_000_000.0, 1e-6, true, 7, null, 16, 40960, org.stepdpo.engine.model.RopeScaling.NONE);
        var llama31 = new org.stepdpo.engine.ModelInitializer.Spec(org.stepdpo.engine.model.Architecture.LLAMA, 0, 32, 64,
                2, 4, 1, 500_000.0, 1e-5, false, 7, null, 0, 131072,
                org.stepdpo.engine.model.RopeScaling.llama3(8.0, 1.0, 4.0, 8192));
        for (var spec : List.of(qwen3, llama31)) {
            Path folder = dir.resolve("base-" + spec.architecture().modelType());
            var written = org.stepdpo.engine.ModelInitializer.initialize(spec, folder);
            TrainingConfig c = TrainingConfig.defaults(Objective.STEP_DPO, folder).withBeta(0.5)
                    .withOptimization(Optimization.defaults().withLearningRate(1e-2).withSteps(12).withBatch(2, 1)
                            .withWarmupRatio(0).withSeed(3))
                    .withTruncation(new Truncation(64, 32)).withCheckpoints(0, 1)
                    .withLora(new LoraConfig(4, 8, 0.0, LoraConfig.DEFAULT_TARGETS));
            TrainingResult r = Trainer.run(c, data(Objective.STEP_DPO), dir.resolve("run-" + spec.architecture().modelType()),
                    TrainingListener.NONE);
            assertThat(r.finalLoss()).as(spec.architecture() + " loss").isLessThan(r.metrics().get(0).loss());
            var keys = SafetensorsFile.readHeader(r.adapter().resolve(LoraAdapters.WEIGHTS_FILE)).keySet();
            assertThat(keys).contains("base_model.model.model.layers.1.self_attn.k_proj.lora_A.weight")
                    .noneMatch(k -> k.contains("norm"));
            try (TorchLanguageModel trained = TorchLanguageModel.load(r.finalModel(), DeviceChoice.CPU, Precision.FP32)) {
                assertThat(trained.config().withEosTokenIds(written.eosTokenIds())).isEqualTo(written);
            }
        }
    }

    @Test
    void nonFiniteLossStopsNamingTheStepAndKeepsTheLastGoodCheckpoint() {
        TrainingConfig c = noWarmup(config(Objective.STEP_DPO, 1e30, 6, 2, 1));
        Path out = dir.resolve("nan");
        assertThatThrownBy(() -> Trainer.run(c, data(Objective.STEP_DPO), out, TrainingListener.NONE))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("at step 2").hasMessageContaining("step-000001");
        assertThat(out.resolve(Trainer.CHECKPOINTS).resolve("step-000001")).isDirectory();
        assertThat(out.resolve(Trainer.FINAL)).doesNotExist();
    }

    @Test
    void weightsThatAStepMakesNonFiniteStopTheRunNamingTheStep() {
        TrainingConfig c = config(Objective.STEP_DPO, 1e-3, 4, 2, 1);
        Path out = dir.resolve("nan-weights");
        assertThatThrownBy(() -> Trainer.run(c, data(Objective.STEP_DPO), out, new TrainingListener() {
            @Override
            public void onCheckpoint(int step, Path d) {
                throw new InterruptedRun(); // a kill right after the step-1 checkpoint
            }
        })).isInstanceOf(InterruptedRun.class);
        // damaged but finite optimiser state: negative second moments, so AdamW's sqrt(v) is NaN and step 2
        // turns the weights into NaN although its loss and gradient are finite
        Path optimizer = out.resolve(Trainer.CHECKPOINTS).resolve("step-000001").resolve(CheckpointStore.OPTIMIZER);
        Map<String, Tensor> state = new LinkedHashMap<>(SafetensorsFile.read(optimizer));
        state.replaceAll((name, t) -> name.startsWith("exp_avg_sq.") ? torch.full_like(t, new Scalar(-1.0)) : t);
        SafetensorsFile.write(optimizer, state, Map.of());

        assertThatThrownBy(() -> Trainer.run(c.withResume(true), data(Objective.STEP_DPO), out, TrainingListener.NONE))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("the weights are no longer finite after optimiser step 2")
                .hasMessageContaining(" NaN").hasMessageContaining("step-000001");
        assertThat(out.resolve(Trainer.CHECKPOINTS).resolve("step-000002")).doesNotExist();
        assertThat(out.resolve(Trainer.FINAL)).doesNotExist();
    }

    @Test
    void aLearningRateBeyondFp32StopsTheRunInsteadOfCrashing() {
        // AdamW's first step size is lr / (1 - 0.9) = 1e39: libtorch refuses it as an fp32 scalar mid-update
        TrainingConfig c = noWarmup(config(Objective.STEP_DPO, 1e38, 6, 2, 1));
        Path out = dir.resolve("overflow");
        assertThatThrownBy(() -> Trainer.run(c, data(Objective.STEP_DPO), out, TrainingListener.NONE))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("optimiser step 1 cannot be taken").hasMessageContaining("beyond fp32")
                .hasMessageContaining("no checkpoint was written");
        assertThat(out.resolve(Trainer.FINAL)).doesNotExist();
    }

    @Test
    void finiteButAbsurdWeightsFromTheLastStepAreNotSavedAsFinal() {
        // 2 steps with 10% warm-up: step 1 at lr 0, step 2 at lr 1e30 leaves finite weights of ~1e30, NaN logits
        TrainingConfig c = config(Objective.STEP_DPO, 1e30, 2, 2, 1);
        Path out = dir.resolve("absurd");
        assertThatThrownBy(() -> Trainer.run(c, data(Objective.STEP_DPO), out, TrainingListener.NONE))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("the trained weights give a loss of NaN on the first batch")
                .hasMessageContaining("not saved as final");
        assertThat(out.resolve(Trainer.FINAL)).doesNotExist();
    }

    /** Stands for a kill: thrown from a listener, it ends the run where it is. */
    static final class InterruptedRun extends RuntimeException {
    }
}
