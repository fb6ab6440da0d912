package org.stepdpo.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
