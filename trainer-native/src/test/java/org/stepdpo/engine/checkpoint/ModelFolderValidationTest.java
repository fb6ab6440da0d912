package org.stepdpo.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.engine.TinyModels;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.engine.model.ModelConfig;
import org.stepdpo.engine.model.RopeScaling;
import org.stepdpo.engine.model.SlidingWindow;
import org.stepdpo.engine.model.CausalDecoder;
import java.util.List;
import org.stepdpo.engine.tokenizer.ByteLevelTokenizerFiles;

/**
 * Model folders damaged one file at a time (config.json, the weights against it, tokenizer.json): loading
 * must fail as a {@link CheckpointException} in one line naming the file and the field or tensor.
 */
class ModelFolderValidationTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        NativeTorch.ensureLoaded();
    }

    /** A tiny Qwen2 folder (hidden 32, intermediate 48) with the byte-level tokenizer. */
    private Path folder(String name) {
        Path out = dir.resolve(name);
        try (TorchLanguageModel model = new TorchLanguageModel(TinyModels.build(TinyModels.qwen2(), 1), null, null, null)) {
            model.save(out);
        }
        ByteLevelTokenizerFiles.write(out);
        return out;
    }

    private static Path editConfig(Path folder, Consumer<ObjectNode> edit) {
        ObjectNode config = HfCheckpoint.readConfigTree(folder);
        edit.accept(config);
        HfCheckpoint.writeJson(folder.resolve(HfCheckpoint.CONFIG), config);
        return folder;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertLoadFails(Path folder, String file) {
        return assertThatThrownBy(() -> TorchLanguageModel.load(folder, DeviceChoice.CPU, Precision.FP32).close())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(folder.resolve(file).toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anUntouchedFolderLoads() {
        Path ok = folder("ok");
        try (TorchLanguageModel model = TorchLanguageModel.load(ok, DeviceChoice.CPU, Precision.FP32)) {
            assertThat(model.config()).isEqualTo(TinyModels.qwen2().withEosTokenIds(model.config().eosTokenIds()));
        }
    }

    @Test
    void aQuotedHiddenSizeIsRefusedNamingTheField() {
        Path f = editConfig(folder("quoted"), c -> c.put("hidden_size", "32"));
        assertLoadFails(f, "config.json").hasMessageContaining("'hidden_size' must be an integer, got \"32\"");
    }

    @Test
    void aRopeScalingThatIsNotAnObjectIsRefusedNamingTheField() {
        Path f = editConfig(folder("banana"), c -> c.put("rope_scaling", "banana"));
        assertLoadFails(f, "config.json").hasMessageContaining("'rope_scaling' must be null or an object, got \"banana\"");
    }

    private static ModelConfig loadedConfig(Path folder) {
        try (TorchLanguageModel model = TorchLanguageModel.load(folder, DeviceChoice.CPU, Precision.FP32)) {
            return model.config();
        }
    }

    @Test
    void ropeScalingLinearLlama3AndDefaultLoadUnderEitherKeyOthersAreRefusedNamingTheField() {
        Path linear = editConfig(folder("linear"), c -> c.putObject("rope_scaling").put("type", "linear").put("factor", 2.0));
        assertThat(loadedConfig(linear).ropeScaling()).isEqualTo(RopeScaling.linear(2.0));
        Path llama3 = editConfig(folder("llama3"), c -> c.putObject("rope_scaling").put("rope_type", "llama3")
                .put("factor", 8.0).put("low_freq_factor", 1.0).put("high_freq_factor", 4.0)
                .put("original_max_position_embeddings", 8192));
        assertThat(loadedConfig(llama3).ropeScaling()).isEqualTo(RopeScaling.llama3(8.0, 1.0, 4.0, 8192));
        Path ok = editConfig(folder("default"), c -> c.putObject("rope_scaling").put("rope_type", "default"));
        assertThat(loadedConfig(ok).ropeScaling()).isEqualTo(RopeScaling.NONE);
        Path yarn = editConfig(folder("yarn"), c -> c.putObject("rope_scaling").put("type", "yarn").put("factor", 4.0)
                .put("original_max_position_embeddings", 32768));
        assertThat(loadedConfig(yarn).ropeScaling()).isEqualTo(RopeScaling.yarn(4.0, 32768));
        // Qwen's recipe: yarn added to a config whose max_position_embeddings stays at the original length
        Path qwenRecipe = editConfig(folder("yarnRecipe"), c -> c.put("max_position_embeddings", 64)
                .putObject("rope_scaling").put("type", "yarn").put("factor", 4.0).put("original_max_position_embeddings", 64));
        try (TorchLanguageModel model = TorchLanguageModel.load(qwenRecipe, DeviceChoice.CPU, Precision.FP32)) {
            assertThat(model.config().positionLimit()).isEqualTo(256);
            assertThat(model.logits(new int[256])).hasNumberOfRows(256);
            assertThatThrownBy(() -> model.logits(new int[257])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sequence of 257 tokens exceeds rope_scaling yarn's factor x original_max_position_embeddings,"
                            + " 256");
        }
        Path yarnWithoutOriginal = editConfig(folder("yarnWithoutOriginal"), c -> c.putObject("rope_scaling")
                .put("rope_type", "yarn").put("factor", 4.0));
        assertLoadFails(yarnWithoutOriginal, "config.json")
                .hasMessageContaining("lacks 'rope_scaling.original_max_position_embeddings'");
        Path longrope = editConfig(folder("longrope"), c -> c.putObject("rope_scaling").put("rope_type", "longrope")
                .put("original_max_position_embeddings", 4096));
        assertLoadFails(longrope, "config.json").hasMessageContaining("'rope_scaling' of type 'longrope' is not supported"
                + " (this engine computes default, linear, llama3, yarn and dynamic)");
        Path incomplete = editConfig(folder("incomplete"), c -> c.putObject("rope_scaling").put("rope_type", "llama3")
                .put("factor", 8.0).put("high_freq_factor", 4.0).put("original_max_position_embeddings", 8192));
        assertLoadFails(incomplete, "config.json").hasMessageContaining("lacks 'rope_scaling.low_freq_factor'");
        Path quoted = editConfig(folder("quotedFactor"), c -> c.putObject("rope_scaling").put("type", "linear")
                .put("factor", "2"));
        assertLoadFails(quoted, "config.json").hasMessageContaining("'rope_scaling.factor' must be a number, got \"2\"");
    }

    @Test
    void otherFamiliesAndMultimodalRopeAreRefusedSayingWhatTheEngineReads() {
        assertLoadFails(editConfig(folder("gemma"), c -> c.put("model_type", "gemma")), "config.json")
                .hasMessageContaining("config.json: unsupported model_type 'gemma': this engine reads qwen2, "
                        + "qwen3, llama, mistral");
        assertLoadFails(editConfig(folder("mrope"), c -> c.put("use_mrope", true)), "config.json")
                .hasMessageContaining("'use_mrope' is true: multimodal RoPE (Qwen2-VL) is not supported");
    }

    @Test
    void yarnWithAllItsFieldsIsWrittenBackAsItWasRead() {
        Path f = editConfig(folder("yarnFields"), c -> c.putObject("rope_scaling").put("rope_type", "yarn")
                .put("factor", 4.0).put("original_max_position_embeddings", 32768).put("attention_factor", 1.2)
                .put("beta_fast", 16.0).put("beta_slow", 2.0).put("mscale", 1.0).put("mscale_all_dim", 0.5)
                .put("truncate", false));
        Path again = dir.resolve("yarnFields-again");
        try (TorchLanguageModel model = TorchLanguageModel.load(f, DeviceChoice.CPU, Precision.FP32)) {
            assertThat(model.config().ropeScaling().yarn()).isEqualTo(new RopeScaling.Yarn(1.2, 16, 2, 1, 0.5, false));
            model.save(again);
        }
        assertThat(HfCheckpoint.readConfigTree(again).get("rope_scaling"))
                .isEqualTo(HfCheckpoint.readConfigTree(f).get("rope_scaling"));
    }

    @Test
    void transformers5RopeParametersAreReadAndWrittenBack() {
        Path f = editConfig(folder("v5"), c -> {
            c.remove("rope_theta");
            c.remove("rope_scaling");
            c.putObject("rope_parameters").put("rope_type", "llama3").put("rope_theta", 500000.0).put("factor", 8.0)
                    .put("low_freq_factor", 1.0).put("high_freq_factor", 4.0).put("original_max_position_embeddings", 8192);
        });
        Path again = dir.resolve("v5-again");
        try (TorchLanguageModel model = TorchLanguageModel.load(f, DeviceChoice.CPU, Precision.FP32)) {
            assertThat(model.config().ropeTheta()).isEqualTo(500000.0);
            assertThat(model.config().ropeScaling()).isEqualTo(RopeScaling.llama3(8.0, 1.0, 4.0, 8192));
            model.save(again);
        }
        ObjectNode written = HfCheckpoint.readConfigTree(again);
        assertThat(written.has("rope_scaling")).isFalse();
        assertThat(written.get("rope_parameters")).isEqualTo(HfCheckpoint.readConfigTree(f).get("rope_parameters"));
    }

    @Test
    void dynamicNtkRunsUpToMaxPositionEmbeddingsAndRefusesLongerSequencesSayingWhy() {
        Path f = editConfig(folder("dynamic"), c -> c.putObject("rope_scaling").put("rope_type", "dynamic")
                .put("factor", 2.0));
        try (TorchLanguageModel model = TorchLanguageModel.load(f, DeviceChoice.CPU, Precision.FP32)) {
            assertThat(model.config().ropeScaling().type()).isEqualTo(RopeScaling.Type.DYNAMIC);
            model.decoder().newCache(1, 2048).close();
            String refusal = "sequence of 2049 tokens exceeds max_position_embeddings 2048 (rope_scaling dynamic: beyond"
                    + " it transformers recomputes the frequencies from the sequence length, which keys already in a KV"
                    + " cache cannot follow)";
            assertThatThrownBy(() -> model.decoder().newCache(1, 2049)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(refusal);
            assertThat(model.logits(new int[64])).hasNumberOfRows(64);
            assertThatThrownBy(() -> model.logits(new int[2049])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(refusal);
        }
    }

    @Test
    void aSlidingWindowInUseLimitsSequencesToTheWindowSayingWhyAndInertWindowFieldsChangeNothing() {
        Path used = editConfig(folder("window"), c -> c.put("use_sliding_window", true).put("sliding_window", 16)
                .put("max_window_layers", 1));
        Path again = dir.resolve("window-again");
        try (TorchLanguageModel model = TorchLanguageModel.load(used, DeviceChoice.CPU, Precision.FP32)) {
            assertThat(model.config().slidingWindow()).isEqualTo(new SlidingWindow(16, 1));
            assertThat(model.config().positionLimit()).isEqualTo(16);
            assertThat(model.logits(new int[16])).hasNumberOfRows(16);
            assertThatThrownBy(() -> model.logits(new int[17])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sequence of 17 tokens exceeds sliding_window 16: from layer 1 (max_window_layers) on"
                            + " attention sees only the last 16 keys, which this engine does not compute; it runs"
                            + " sequences up to the window, where the window changes nothing");
            assertThatThrownBy(() -> model.decoder().newCache(1, 17)).hasMessageContaining("exceeds sliding_window 16");
            model.save(again);
        }
        ObjectNode written = HfCheckpoint.readConfigTree(again);
        assertThat(written.get("use_sliding_window").asBoolean()).isTrue();
        assertThat(written.get("sliding_window").asInt()).isEqualTo(16);
        assertThat(written.get("max_window_layers").asInt()).isEqualTo(1);
        // R1-distill-Qwen: the window is off; and a window from layer 2 of a 2-layer model is never used
        ModelConfig off = loadedConfig(editConfig(folder("off"), c -> c.put("use_sliding_window", false)
                .put("sliding_window", 4).put("max_window_layers", 0)));
        ModelConfig unused = loadedConfig(editConfig(folder("unused"), c -> c.put("use_sliding_window", true)
                .put("sliding_window", 4).put("max_window_layers", 2)));
        assertThat(List.of(off.positionLimit(), unused.positionLimit())).containsOnly(2048);
    }

    @Test
    void aMistralSlidingWindowLimitsSequencesToTheWindowInEveryLayer() {
        ObjectNode v01 = TinyModels.configTree("mistral-tiny.json").put("sliding_window", 4096);
        ModelConfig config = ModelConfig.fromJson(v01);
        assertThat(config.slidingWindow()).isEqualTo(new SlidingWindow(4096, 0));
        assertThat(config.positionLimit()).isEqualTo(4096);
        assertThat(config.toJson(null, "float32").get("sliding_window").asInt()).isEqualTo(4096);
        try (CausalDecoder model = TinyModels.build(config, 1)) {
            assertThatThrownBy(() -> model.newCache(1, 4097)).hasMessageStartingWith(
                    "sequence of 4097 tokens exceeds sliding_window 4096: in every layer attention sees only the last 4096");
        }
        ModelConfig none = TinyModels.mistral();
        assertThat(none.positionLimit()).isEqualTo(32768);
        assertThat(none.toJson(null, "float32").get("sliding_window").isNull()).isTrue();
    }

    @Test
    void eosIdsOfGenerationConfigAreAddedAndAMalformedOneIsRefusedNamingTheFile() {
        Path list = folder("eosList");
        HfCheckpoint.writeJson(list.resolve(HfCheckpoint.GENERATION_CONFIG),
                HfCheckpoint.json().createObjectNode().set("eos_token_id", HfCheckpoint.json().createArrayNode().add(7).add(9)));
        assertThat(loadedConfig(list).eosTokenIds()).containsExactly(5, 7, 9);
        Path bad = folder("eosBad");
        HfCheckpoint.writeJson(bad.resolve(HfCheckpoint.GENERATION_CONFIG),
                HfCheckpoint.json().createObjectNode().put("eos_token_id", "<|im_end|>"));
        assertLoadFails(bad, HfCheckpoint.GENERATION_CONFIG)
                .hasMessageContaining("'eos_token_id' must be a token id or a list of them, got \"<|im_end|>\"");
    }

    @Test
    void aMissingSizeANonPositiveOneAndAWronglyTypedFlagAreNamed() {
        assertLoadFails(editConfig(folder("missing"), c -> c.remove("num_hidden_layers")), "config.json")
                .hasMessageContaining("lacks 'num_hidden_layers'");
        assertLoadFails(editConfig(folder("zero"), c -> c.put("intermediate_size", 0)), "config.json")
                .hasMessageContaining("'intermediate_size' must be positive, got 0");
        assertLoadFails(editConfig(folder("fraction"), c -> c.put("vocab_size", 96.5)), "config.json")
                .hasMessageContaining("'vocab_size' must be an integer, got 96.5");
        assertLoadFails(editConfig(folder("flag"), c -> c.put("tie_word_embeddings", "yes")), "config.json")
                .hasMessageContaining("'tie_word_embeddings' must be true or false");
        assertLoadFails(editConfig(folder("theta"), c -> c.put("rope_theta", "1e6")), "config.json")
                .hasMessageContaining("'rope_theta' must be a number");
    }

    @Test
    void aConfigThatIsNotJsonIsRefusedOnOneLine() throws IOException {
        Path f = folder("notjson");
        Files.writeString(f.resolve(HfCheckpoint.CONFIG), "{\"hidden_size\": 32,");
        assertLoadFails(f, "config.json").hasMessageContaining("not valid JSON");
    }

    @Test
    void weightsWhoseShapesDisagreeWithTheConfigAreNamed() {
        // config.json now says 40 where the tensors hold 48 rows: every MLP weight is misshapen
        Path f = editConfig(folder("shapes"), c -> c.put("intermediate_size", 40));
        assertThatThrownBy(() -> TorchLanguageModel.load(f, DeviceChoice.CPU, Precision.FP32).close())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("tensor 'model.layers.0.mlp.gate_proj.weight' has shape [48, 32], expected [40, 32]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aTokenizerJsonThatCannotBeParsedIsRefusedNamingTheFile() throws IOException {
        Path f = folder("tokenizer");
        Files.writeString(f.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"model\": {\"type\": \"BPE\"");
        assertLoadFails(f, "tokenizer.json");
    }

    @Test
    void aNaNWeightIsRefusedAtLoadNamingTheFileAndTheTensor() throws IOException {
        Path f = folder("nan");
        Path file = f.resolve(HfCheckpoint.SINGLE_FILE);
        SafetensorsHeader header = SafetensorsHeader.read(file);
        SafetensorsHeader.Entry up = header.tensors().get("model.layers.0.mlp.up_proj.weight"); // [48, 32] F32
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer nan = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN).flip();
            ch.write(nan, header.dataStart() + up.begin() + 4 * 100); // element [3, 4]
        }
        assertLoadFails(f, HfCheckpoint.SINGLE_FILE)
                .hasMessageContaining("tensor \"model.layers.0.mlp.up_proj.weight\" holds 1 NaN and 0 infinite values");
    }

    @Test
    void weightsHoldingNaNOrInfAreNeverSaved() {
        Path out = dir.resolve("never");
        try (TorchLanguageModel model = new TorchLanguageModel(TinyModels.build(TinyModels.qwen2(), 1), null, null, null);
             NoGradGuard noGrad = new NoGradGuard()) {
            Tensor down = model.decoder().stateDict().get("model.layers.1.mlp.down_proj.weight"); // [32, 48]
            down.select(0, 2).fill_(new Scalar(Double.POSITIVE_INFINITY)); // row 2: 48 infinities
            assertThatThrownBy(() -> model.save(out)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(out.toString())
                    .hasMessageContaining("tensor \"model.layers.1.mlp.down_proj.weight\" holds 0 NaN and 48 infinite");
            assertThat(out).doesNotExist();
            Path file = dir.resolve("direct.safetensors");
            assertThatThrownBy(() -> SafetensorsFile.write(file, model.decoder().stateDict(), Map.of()))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining(file.toString())
                    .hasMessageContaining("model.layers.1.mlp.down_proj.weight");
            assertThat(file).doesNotExist();
        }
    }
}
