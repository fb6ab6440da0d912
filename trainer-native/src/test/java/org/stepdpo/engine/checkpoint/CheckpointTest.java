package org.stepdpo.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.engine.TinyModels;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.ModelConfig;
import org.stepdpo.engine.model.Architecture;
import org.stepdpo.engine.model.RopeScaling;
import org.stepdpo.engine.ModelInitializer;

class CheckpointTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        NativeTorch.ensureLoaded();
    }

    @Test
    void saveThenLoadIsBitIdenticalForBothFamilies() {
        for (ModelConfig config : List.of(TinyModels.qwen2(), TinyModels.llama())) {
            Path out = dir.resolve(config.architecture().modelType());
            try (TorchLanguageModel saved = new TorchLanguageModel(TinyModels.build(config, 21), null, null, null)) {
                saved.save(out);
                try (TorchLanguageModel loaded = TorchLanguageModel.load(out, DeviceChoice.CPU, Precision.FP32)) {
                    assertThat(loaded.config()).isEqualTo(saved.config());
                    assertSameTensors(saved.decoder().stateDict(), loaded.decoder().stateDict());
                    float[][] a = saved.logits(new int[] {1, 2, 3});
                    float[][] b = loaded.logits(new int[] {1, 2, 3});
                    assertThat(b).isDeepEqualTo(a);
                }
            }
            assertThat(out.resolve("config.json")).exists();
            assertThat(out.resolve("model.safetensors")).exists();
        }
    }

    /**
     * Qwen3, Llama 3.1 and R1-distill-Qwen folders with the real models' config.json fields: a model the engine
     * made writes every field the real config has, with the same value (torch_dtype and transformers_version aside,
     * and the inert sliding-window sizes, which only a loaded config carries); a loaded folder loads bit-identically
     * and is written back with its config.json unchanged but for torch_dtype.
     */
    @Test
    void qwen3Llama31R1DistillAndMistralFoldersKeepTheRealConfigJsonFieldsThroughSaveAndLoad() {
        for (String name : List.of("qwen3-tiny.json", "llama31-tiny.json", "r1-distill-qwen-tiny.json",
                "mistral-tiny.json")) {
            ObjectNode real = TinyModels.configTree(name);
            ModelConfig config = ModelConfig.fromJson(real);
            Path fresh = dir.resolve("fresh-" + name);
            Path again = dir.resolve("again-" + name);
            try (TorchLanguageModel made = new TorchLanguageModel(TinyModels.build(config, 21), null, null, null)) {
                made.save(fresh);
                ObjectNode written = HfCheckpoint.readConfigTree(fresh);
                // use_mrope: R1-distill's config has it, Qwen2.5's do not, transformers' Qwen2Config does not read it
                Set<String> engineOwn = Set.of("torch_dtype", "transformers_version", "sliding_window", "max_window_layers",
                        "use_mrope");
                real.fieldNames().forEachRemaining(field -> {
                    if (!engineOwn.contains(field)) {
                        assertSameJson(name + " field " + field, written.get(field), real.get(field));
                    }
                });
                HfCheckpoint.writeJson(fresh.resolve(HfCheckpoint.CONFIG), real);
                try (TorchLanguageModel loaded = TorchLanguageModel.load(fresh, DeviceChoice.CPU, Precision.FP32)) {
                    assertThat(loaded.config()).isEqualTo(config);
                    assertSameTensors(made.decoder().stateDict(), loaded.decoder().stateDict());
                    assertThat(loaded.logits(new int[] {1, 2, 3})).isDeepEqualTo(made.logits(new int[] {1, 2, 3}));
                    loaded.save(again);
                }
            }
            ObjectNode rewritten = HfCheckpoint.readConfigTree(again);
            assertThat(rewritten.get("torch_dtype").asText()).isEqualTo("float32");
            real.fieldNames().forEachRemaining(field -> {
                if (!field.equals("torch_dtype")) {
                    assertSameJson(name + " rewritten field " + field, rewritten.get(field), real.get(field));
                }
            });
        }
    }

    /** What `stepdpo model init --arch qwen3 --head-dim 16` and `--arch llama --rope-scaling {llama3...}` write. */
    @Test
    void modelInitWritesQwen3WithItsHeadDimAndLlamaWithLlama3ScalingThatLoadAsSpecified() {
        var qwen3 = new ModelInitializer.Spec(Architecture.QWEN3, 0, 32, 48, 2, 4, 2, 1_000_000.0, 1e-6, true, 3, null,
                16, 40960, RopeScaling.NONE);
        var llama31 = new ModelInitializer.Spec(Architecture.LLAMA, 0, 32, 48, 2, 4, 1, 500_000.0, 1e-5, false, 3, null,
                0, 131072, RopeScaling.llama3(8.0, 1.0, 4.0, 8192));
        for (var spec : List.of(qwen3, llama31)) {
            Path out = dir.resolve("init-" + spec.architecture().modelType());
            ModelConfig written = ModelInitializer.initialize(spec, out);
            try (TorchLanguageModel loaded = TorchLanguageModel.load(out, DeviceChoice.CPU, Precision.FP32)) {
                assertThat(loaded.config()).isEqualTo(written);
                assertThat(loaded.config().headDim()).isEqualTo(spec.headDim() > 0 ? spec.headDim() : 8);
                assertThat(loaded.config().ropeScaling()).isEqualTo(spec.ropeScaling());
                assertThat(loaded.config().maxPositionEmbeddings()).isEqualTo(spec.maxPositions());
            }
        }
    }

    /** JSON equality with numbers compared by value (transformers writes 1000000 where the engine writes 1000000.0). */
    private static void assertSameJson(String what, com.fasterxml.jackson.databind.JsonNode actual,
                                       com.fasterxml.jackson.databind.JsonNode expected) {
        assertThat(actual).as(what + " is missing").isNotNull();
        if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(what).isTrue();
            assertThat(actual.asDouble()).as(what).isEqualTo(expected.asDouble());
        } else if (expected.isContainerNode()) {
            assertThat(actual.size()).as(what).isEqualTo(expected.size());
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) {
                    assertSameJson(what + "[" + i + "]", actual.get(i), expected.get(i));
                }
            } else {
                expected.fieldNames().forEachRemaining(f -> assertSameJson(what + "." + f, actual.get(f), expected.get(f)));
            }
        } else {
            assertThat(actual).as(what).isEqualTo(expected);
        }
    }

    @Test
    void shardedCheckpointLoadsTheSameAsASingleFile() throws java.io.IOException {
        Path single = dir.resolve("single");
        Path sharded = dir.resolve("sharded");
        try (TorchLanguageModel model = new TorchLanguageModel(TinyModels.build(TinyModels.llama(), 4), null, null, null)) {
            model.save(single);
            model.save(sharded, 20_000);
        }
        assertThat(sharded.resolve(HfCheckpoint.INDEX)).exists();
        assertThat(sharded.resolve(HfCheckpoint.SINGLE_FILE)).doesNotExist();
        try (var files = Files.list(sharded)) {
            assertThat(files.filter(p -> p.getFileName().toString().matches("model-\\d{5}-of-\\d{5}\\.safetensors")).count())
                    .isGreaterThan(2);
        }
        assertSameTensors(HfCheckpoint.readTensors(single), HfCheckpoint.readTensors(sharded));
    }

    @Test
    void halfPrecisionTensorsAreReadAndWidened() {
        Tensor original = torch.randn(3, 5);
        Map<String, Tensor> stored = new LinkedHashMap<>();
        stored.put("bf", original.to(torch.ScalarType.BFloat16));
        stored.put("f16", original.to(torch.ScalarType.Half));
        Path file = dir.resolve("half.safetensors");
        SafetensorsFile.write(file, stored, Map.of());
        Map<String, SafetensorsHeader.Entry> header = SafetensorsFile.readHeader(file);
        assertThat(header.get("bf").dtype()).isEqualTo(TensorDtype.BF16);
        assertThat(header.get("f16").dtype()).isEqualTo(TensorDtype.F16);
        Map<String, Tensor> read = SafetensorsFile.read(file);
        assertThat(torch.equal(read.get("bf"), stored.get("bf"))).isTrue();
        assertThat(torch.equal(read.get("f16"), stored.get("f16"))).isTrue();
        assertThat(torch.allclose(read.get("bf").to(torch.ScalarType.Float), original, 1e-2, 1e-2, false)).isTrue();
    }

    @Test
    void missingUnexpectedAndMisshapenTensorsAreNamedWithTheirShapes() {
        ModelConfig config = TinyModels.qwen2();
        try (CausalDecoder model = TinyModels.build(config, 1)) {
            Map<String, Tensor> tensors = new LinkedHashMap<>(model.stateDict());
            tensors.remove("model.layers.1.mlp.up_proj.weight");
            tensors.put("model.layers.0.self_attn.k_proj.bias", torch.zeros(7));
            tensors.put("model.extra.weight", torch.zeros(2, 3));
            assertThatThrownBy(() -> CausalDecoder.fromTensors(config, tensors, ComputeDevice.cpu(), Precision.FP32, "ckpt"))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("missing tensor 'model.layers.1.mlp.up_proj.weight' (expected shape [48, 32])")
                    .hasMessageContaining("tensor 'model.layers.0.self_attn.k_proj.bias' has shape [7], expected [16]")
                    .hasMessageContaining("unexpected tensor 'model.extra.weight' with shape [2, 3]");
        }
    }

    @Test
    void aTruncatedFileFailsNamingTheTensor() throws Exception {
        Path file = dir.resolve("t.safetensors");
        SafetensorsFile.write(file, Map.of("w", torch.ones(4, 4)), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        assertThatThrownBy(() -> SafetensorsFile.read(file)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("tensor \"w\"");
    }

    private static void assertSameTensors(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, t) -> assertThat(torch.equal(t, actual.get(name))).as(name).isTrue());
    }
}
