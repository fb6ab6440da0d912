package org.stepdpo.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.engine.checkpoint.CheckpointException;

/**
 * The shape and numerics of a decoder, as Hugging Face's config.json gives them.
 *
 * @param architecture          qwen2, qwen3, llama or mistral
 * @param vocabSize             rows of the embedding and of the output head
 * @param hiddenSize            model width H
 * @param intermediateSize      MLP width
 * @param numLayers             decoder layers
 * @param numHeads              query heads
 * @param numKvHeads            key/value heads (GQA when fewer than query heads)
 * @param headDim               per-head width (config's head_dim, else H / heads)
 * @param rmsNormEps            epsilon inside every RMSNorm
 * @param ropeTheta             RoPE base
 * @param maxPositionEmbeddings longest sequence the RoPE tables cover
 * @param tieWordEmbeddings     output head shares the embedding matrix
 * @param attentionBias         biases on q/k/v (Qwen2 always; Llama and Qwen3 when attention_bias)
 * @param outputBias            bias on o_proj (Llama and Qwen3 attention_bias only)
 * @param mlpBias               biases on gate/up/down (Llama mlp_bias)
 * @param bosTokenId            beginning-of-sequence id, or -1
 * @param eosTokenIds           end-of-sequence ids (config may give one or a list)
 * @param initializerRange      std of the normal initialisation
 * @param ropeScaling           rope_scaling (none, linear, llama3, yarn, dynamic)
 * @param slidingWindow         sliding-window attention when switched on (limits the sequence length)
 */
public record ModelConfig(Architecture architecture, int vocabSize, int hiddenSize, int intermediateSize,
                          int numLayers, int numHeads, int numKvHeads, int headDim, double rmsNormEps,
                          double ropeTheta, int maxPositionEmbeddings, boolean tieWordEmbeddings,
                          boolean attentionBias, boolean outputBias, boolean mlpBias, int bosTokenId,
                          List<Integer> eosTokenIds, double initializerRange, RopeScaling ropeScaling,
                          SlidingWindow slidingWindow) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Without rope scaling or sliding window. */
    public ModelConfig(Architecture architecture, int vocabSize, int hiddenSize, int intermediateSize, int numLayers,
                       int numHeads, int numKvHeads, int headDim, double rmsNormEps, double ropeTheta,
                       int maxPositionEmbeddings, boolean tieWordEmbeddings, boolean attentionBias, boolean outputBias,
                       boolean mlpBias, int bosTokenId, List<Integer> eosTokenIds, double initializerRange) {
        this(architecture, vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim, rmsNormEps,
                ropeTheta, maxPositionEmbeddings, tieWordEmbeddings, attentionBias, outputBias, mlpBias, bosTokenId,
                eosTokenIds, initializerRange, RopeScaling.NONE, SlidingWindow.NONE);
    }

    public ModelConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        ropeScaling = ropeScaling == null ? RopeScaling.NONE : ropeScaling;
        slidingWindow = slidingWindow == null ? SlidingWindow.NONE : slidingWindow;
        require(vocabSize > 0 && hiddenSize > 0 && intermediateSize > 0 && numLayers > 0 && headDim > 0,
                "sizes must be positive");
        require(numHeads > 0 && numKvHeads > 0 && numHeads % numKvHeads == 0,
                "num_attention_heads (" + numHeads + ") must be a positive multiple of num_key_value_heads (" + numKvHeads + ")");
        require(headDim % 2 == 0, "head_dim must be even for RoPE, got " + headDim);
        require(rmsNormEps > 0 && ropeTheta > 0, "rms_norm_eps and rope_theta must be positive");
        require(maxPositionEmbeddings > 0, "max_position_embeddings must be positive");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("invalid model config: " + message);
        }
    }

    /** A shape for tests and the synthetic task, with each family's bias convention (q/k/v biases: Qwen2 only). */
    public static ModelConfig of(Architecture arch, int vocab, int hidden, int intermediate, int layers, int heads,
                                 int kvHeads, double ropeTheta, double rmsNormEps, boolean tied, int eosId) {
        boolean qwen2 = arch == Architecture.QWEN2;
        return new ModelConfig(arch, vocab, hidden, intermediate, layers, heads, kvHeads, hidden / heads, rmsNormEps,
                ropeTheta, 2048, tied, qwen2, false, false, arch == Architecture.LLAMA ? eosId : -1, List.of(eosId), 0.02);
    }

    public int kvGroups() {
        return numHeads / numKvHeads;
    }

    /**
     * The longest sequence the engine runs: max_position_embeddings, longer for yarn (see {@link RopeScaling}),
     * and no longer than a sliding window in use (see {@link SlidingWindow}).
     */
    public int positionLimit() {
        int rope = ropeScaling.positionLimit(maxPositionEmbeddings);
        return slidingWindow.inUse() ? Math.min(rope, slidingWindow.size()) : rope;
    }

    /** Every tensor this configuration needs, with its shape, in Hugging Face names and a stable order. */
    public Map<String, long[]> expectedTensorShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long q = (long) numHeads * headDim;
        long kv = (long) numKvHeads * headDim;
        shapes.put("model.embed_tokens.weight", new long[] {vocabSize, hiddenSize});
        for (int i = 0; i < numLayers; i++) {
            String p = "model.layers." + i + ".";
            shapes.put(p + "input_layernorm.weight", new long[] {hiddenSize});
            shapes.put(p + "self_attn.q_proj.weight", new long[] {q, hiddenSize});
            shapes.put(p + "self_attn.k_proj.weight", new long[] {kv, hiddenSize});
            shapes.put(p + "self_attn.v_proj.weight", new long[] {kv, hiddenSize});
            if (attentionBias) {
                shapes.put(p + "self_attn.q_proj.bias", new long[] {q});
                shapes.put(p + "self_attn.k_proj.bias", new long[] {kv});
                shapes.put(p + "self_attn.v_proj.bias", new long[] {kv});
            }
            shapes.put(p + "self_attn.o_proj.weight", new long[] {hiddenSize, q});
            if (outputBias) {
                shapes.put(p + "self_attn.o_proj.bias", new long[] {hiddenSize});
            }
            if (architecture.hasQkNorm()) {
                shapes.put(p + "self_attn.q_norm.weight", new long[] {headDim});
                shapes.put(p + "self_attn.k_norm.weight", new long[] {headDim});
            }
            shapes.put(p + "post_attention_layernorm.weight", new long[] {hiddenSize});
            shapes.put(p + "mlp.gate_proj.weight", new long[] {intermediateSize, hiddenSize});
            shapes.put(p + "mlp.up_proj.weight", new long[] {intermediateSize, hiddenSize});
            shapes.put(p + "mlp.down_proj.weight", new long[] {hiddenSize, intermediateSize});
            if (mlpBias) {
                shapes.put(p + "mlp.gate_proj.bias", new long[] {intermediateSize});
                shapes.put(p + "mlp.up_proj.bias", new long[] {intermediateSize});
                shapes.put(p + "mlp.down_proj.bias", new long[] {hiddenSize});
            }
        }
        shapes.put("model.norm.weight", new long[] {hiddenSize});
        if (!tieWordEmbeddings) {
            shapes.put("lm_head.weight", new long[] {vocabSize, hiddenSize});
        }
        return shapes;
    }

    /** Reads config.json; unsupported features and ill-typed fields fail naming the file and the field. */
    public static ModelConfig read(Path configJson) {
        JsonNode n;
        try {
            n = JSON.readTree(configJson.toFile());
        } catch (IOException e) {
            throw CheckpointException.unreadableJson(configJson, e);
        }
        try {
            return fromJson(n);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(configJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * The config of a parsed config.json. Unsupported features (rope scaling other than linear / llama3 / yarn /
     * dynamic, multimodal RoPE, other activations) and fields of the wrong JSON type
     * ({@code "hidden_size": "128"}) fail with an IllegalArgumentException naming the field; the caller adds the file.
     */
    public static ModelConfig fromJson(JsonNode json) {
        ConfigFields n = new ConfigFields(json);
        Architecture arch = Architecture.fromModelType(n.text("model_type", null));
        String act = n.text("hidden_act", "silu");
        require(act.equals("silu"), "hidden_act '" + act + "' is not supported (silu only)");
        require(!n.flag("use_mrope", false), "'use_mrope' is true: multimodal RoPE (Qwen2-VL) is not supported");
        int hidden = n.positive("hidden_size");
        int heads = n.positive("num_attention_heads");
        int kvHeads = n.positive("num_key_value_heads", heads);
        int headDim = n.positive("head_dim", hidden / heads);
        int layers = n.positive("num_hidden_layers");
        int maxPositions = n.positive("max_position_embeddings", 2048);
        SlidingWindow window = SlidingWindow.fromConfig(n, arch, layers);
        // transformers 5 writes rope_theta and the scaling together as rope_parameters; older configs apart
        JsonNode ropeParameters = n.object("rope_parameters");
        JsonNode scaling = n.object("rope_scaling");
        RopeScaling rope = scaling != null || ropeParameters == null ? RopeScaling.fromJson(scaling, "rope_scaling.")
                : RopeScaling.fromJson(ropeParameters, "rope_parameters.");
        double theta = ropeParameters != null && ropeParameters.hasNonNull("rope_theta")
                ? new ConfigFields(ropeParameters, "rope_parameters.").number("rope_theta", 10000.0)
                : n.number("rope_theta", 10000.0);
        boolean qwen2 = arch == Architecture.QWEN2;
        // Llama and Qwen3 put attention_bias on q, k, v and o alike; Qwen2 always has q/k/v biases and no o bias;
        // Mistral has none
        boolean optionalAttnBias = (arch == Architecture.LLAMA || arch == Architecture.QWEN3)
                && n.flag("attention_bias", false);
        boolean mlpBias = arch == Architecture.LLAMA && n.flag("mlp_bias", false);
        return new ModelConfig(arch, n.positive("vocab_size"), hidden, n.positive("intermediate_size"), layers, heads,
                kvHeads, headDim, n.number("rms_norm_eps", 1e-6), theta, maxPositions,
                n.flag("tie_word_embeddings", false), qwen2 || optionalAttnBias, optionalAttnBias, mlpBias,
                n.integer("bos_token_id", -1), n.integers("eos_token_id"), n.number("initializer_range", 0.02), rope,
                window);
    }

    /**
     * config.json as Hugging Face writes it for this family. Fields of {@code base} that this record does
     * not model (e.g. a checkpoint's transformers_version) are kept.
     */
    public ObjectNode toJson(ObjectNode base, String torchDtype) {
        ObjectNode n = base == null ? JSON.createObjectNode() : base.deepCopy();
        ArrayNode archs = n.putArray("architectures");
        archs.add(architecture.huggingFaceClass());
        n.put("model_type", architecture.modelType());
        n.put("vocab_size", vocabSize);
        n.put("hidden_size", hiddenSize);
        n.put("intermediate_size", intermediateSize);
        n.put("num_hidden_layers", numLayers);
        n.put("num_attention_heads", numHeads);
        n.put("num_key_value_heads", numKvHeads);
        n.put("head_dim", headDim);
        n.put("hidden_act", "silu");
        n.put("rms_norm_eps", rmsNormEps);
        putRope(n);
        n.put("max_position_embeddings", maxPositionEmbeddings);
        n.put("tie_word_embeddings", tieWordEmbeddings);
        n.put("initializer_range", initializerRange);
        n.put("attention_dropout", 0.0);
        n.put("use_cache", true);
        n.put("torch_dtype", torchDtype);
        switch (architecture) {
            case LLAMA -> {
                n.put("attention_bias", attentionBias);
                n.put("mlp_bias", mlpBias);
                n.put("pretraining_tp", 1);
            }
            case QWEN3 -> {
                n.put("attention_bias", attentionBias);
                putSlidingWindow(n, null);
            }
            case QWEN2 -> putSlidingWindow(n, maxPositionEmbeddings);
            case MISTRAL -> {
                if (slidingWindow.inUse()) {
                    n.put("sliding_window", slidingWindow.size());
                } else {
                    n.putNull("sliding_window");
                }
            }
        }
        if (bosTokenId >= 0) {
            n.put("bos_token_id", bosTokenId);
        } else {
            n.putNull("bos_token_id");
        }
        if (eosTokenIds.size() == 1) {
            n.put("eos_token_id", eosTokenIds.get(0));
        } else {
            ArrayNode e = n.putArray("eos_token_id");
            eosTokenIds.forEach(e::add);
        }
        return n;
    }

    /**
     * use_sliding_window, sliding_window and max_window_layers: the window's when in use; else off, with a loaded
     * config's inert sizes (R1-distill's 4096 / 21) kept as they were, or the family's defaults (Qwen2 writes the
     * context length, Qwen3 null).
     */
    private void putSlidingWindow(ObjectNode n, Integer defaultSize) {
        if (slidingWindow.inUse()) {
            n.put("use_sliding_window", true);
            n.put("sliding_window", slidingWindow.size());
            n.put("max_window_layers", slidingWindow.fromLayer());
            return;
        }
        if (!n.hasNonNull("use_sliding_window")) {
            n.put("use_sliding_window", false); // a loaded true whose window no layer reaches stays true
        }
        if (defaultSize == null) {
            if (!n.has("sliding_window")) {
                n.putNull("sliding_window");
            }
        } else {
            keepOrPut(n, "sliding_window", defaultSize);
        }
        keepOrPut(n, "max_window_layers", numLayers);
    }

    /** A field a loaded config already has keeps its value. */
    private static void keepOrPut(ObjectNode n, String field, int value) {
        if (!n.hasNonNull(field)) {
            n.put(field, value);
        }
    }

    /**
     * rope_theta and rope_scaling as transformers 4.x writes them, or rope_parameters when the loaded config used
     * transformers 5's layout.
     */
    private void putRope(ObjectNode n) {
        JsonNode scaling = ropeScaling.toJson();
        if (n.has("rope_parameters")) {
            ObjectNode p = scaling.isObject() ? (ObjectNode) scaling : JSON.createObjectNode().put("rope_type", "default");
            p.put("rope_theta", ropeTheta);
            n.set("rope_parameters", p);
            n.remove("rope_scaling");
            if (n.has("rope_theta")) {
                n.put("rope_theta", ropeTheta);
            }
            return;
        }
        n.put("rope_theta", ropeTheta);
        n.set("rope_scaling", scaling);
    }

    public ModelConfig withEosTokenIds(List<Integer> ids) {
        return new ModelConfig(architecture, vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads,
                headDim, rmsNormEps, ropeTheta, maxPositionEmbeddings, tieWordEmbeddings, attentionBias, outputBias,
                mlpBias, bosTokenId, ids, initializerRange, ropeScaling, slidingWindow);
    }

    /** The same model with another rope_scaling and max_position_embeddings (Llama 3.1: llama3 ×8, 131072). */
    public ModelConfig withRopeScaling(RopeScaling scaling, int maxPositions) {
        return new ModelConfig(architecture, vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads,
                headDim, rmsNormEps, ropeTheta, maxPositions, tieWordEmbeddings, attentionBias, outputBias, mlpBias,
                bosTokenId, eosTokenIds, initializerRange, scaling, slidingWindow);
    }
}
