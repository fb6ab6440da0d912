package org.stepdpo.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.checkpoint.CheckpointException;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.device.Precision;

/**
 * The Qwen2 / Qwen3 / Llama / Mistral decoder (they differ in biases and Qwen3's q/k norms, which
 * {@link ModelConfig} carries), written as Hugging Face's modeling_qwen2 / qwen3 / llama / mistral compute it: RMSNorm →
 * attention (Qwen3: RMSNorm of each q and k head) with RoPE (rotate-half convention, frequencies as
 * {@link RopeScaling} gives them) and grouped KV heads → residual → RMSNorm → SiLU-gated MLP → residual; final
 * norm; head.
 *
 * <p>Parameters are plain tensors keyed by their Hugging Face names. {@link #forward} builds an autograd
 * graph whenever grad mode is on, so trainers use the same code path as inference;
 * {@link #forwardPaddedCheckpointed} is the same computation with activation checkpointing.
 */
public final class CausalDecoder implements AutoCloseable {

    private final ModelConfig config;
    private final ComputeDevice device;
    private final Precision precision;
    private final Map<String, Tensor> parameters;
    private final Layer[] layers;
    private final Tensor embedding;
    private final Tensor finalNorm;
    private final Tensor head;
    private final Tensor ropeCos; // [maxPos, hd] fp32
    private final Tensor ropeSin; // [maxPos, hd] fp32
    /** Keyed by the identity of the projection's weight tensor, which the layer records share. */
    private final Map<Tensor, ProjectionAdapter> adapters = new java.util.IdentityHashMap<>();
    /** Per layer, made on the first decoding step: see {@link FusedQkv}. */
    private FusedQkv[] fusedQkv;

    /** One layer's parameters; biases and q/k norms are null where the family has none. */
    private record Layer(Tensor inputNorm, Tensor q, Tensor qBias, Tensor k, Tensor kBias, Tensor v, Tensor vBias,
                         Tensor o, Tensor oBias, Tensor qNorm, Tensor kNorm, Tensor postNorm, Tensor gate,
                         Tensor gateBias, Tensor up, Tensor upBias, Tensor down, Tensor downBias) {
    }

    private CausalDecoder(ModelConfig config, ComputeDevice device, Precision precision, Map<String, Tensor> parameters) {
        this.config = config;
        this.device = device;
        this.precision = precision;
        this.parameters = parameters;
        this.layers = new Layer[config.numLayers()];
        for (int i = 0; i < layers.length; i++) {
            String p = "model.layers." + i + ".";
            layers[i] = new Layer(parameters.get(p + "input_layernorm.weight"),
                    parameters.get(p + "self_attn.q_proj.weight"), parameters.get(p + "self_attn.q_proj.bias"),
                    parameters.get(p + "self_attn.k_proj.weight"), parameters.get(p + "self_attn.k_proj.bias"),
                    parameters.get(p + "self_attn.v_proj.weight"), parameters.get(p + "self_attn.v_proj.bias"),
                    parameters.get(p + "self_attn.o_proj.weight"), parameters.get(p + "self_attn.o_proj.bias"),
                    parameters.get(p + "self_attn.q_norm.weight"), parameters.get(p + "self_attn.k_norm.weight"),
                    parameters.get(p + "post_attention_layernorm.weight"),
                    parameters.get(p + "mlp.gate_proj.weight"), parameters.get(p + "mlp.gate_proj.bias"),
                    parameters.get(p + "mlp.up_proj.weight"), parameters.get(p + "mlp.up_proj.bias"),
                    parameters.get(p + "mlp.down_proj.weight"), parameters.get(p + "mlp.down_proj.bias"));
        }
        this.embedding = parameters.get("model.embed_tokens.weight");
        this.finalNorm = parameters.get("model.norm.weight");
        this.head = config.tieWordEmbeddings() ? embedding : parameters.get("lm_head.weight");
        Tensor[] rope = ropeTables(config, device);
        this.ropeCos = rope[0];
        this.ropeSin = rope[1];
    }

    /**
     * Builds the model from tensors named as in a Hugging Face checkpoint (any float dtype, any device).
     * A missing tensor, an unexpected one or a wrong shape fails, naming the tensor and both shapes.
     * Tolerated extras, as transformers tolerates them: rotary {@code inv_freq} buffers, and a
     * {@code lm_head.weight} of the right shape when the head is tied (the embedding is used).
     */
    public static CausalDecoder fromTensors(ModelConfig config, Map<String, Tensor> tensors, ComputeDevice device,
                                            Precision precision, String source) {
        NativeTorch.ensureLoaded();
        precision.checkSupportedOn(device);
        Map<String, long[]> expected = config.expectedTensorShapes();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null) {
                problems.add("missing tensor '" + e.getKey() + "' (expected shape " + Arrays.toString(e.getValue()) + ")");
            } else if (!Arrays.equals(t.sizes().vec().get(), e.getValue())) {
                problems.add("tensor '" + e.getKey() + "' has shape " + Arrays.toString(t.sizes().vec().get())
                        + ", expected " + Arrays.toString(e.getValue()));
            }
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (expected.containsKey(name) || name.endsWith("rotary_emb.inv_freq")) {
                continue;
            }
            long[] shape = e.getValue().sizes().vec().get();
            if (name.equals("lm_head.weight") && config.tieWordEmbeddings()
                    && Arrays.equals(shape, new long[] {config.vocabSize(), config.hiddenSize()})) {
                continue;
            }
            problems.add("unexpected tensor '" + name + "' with shape " + Arrays.toString(shape));
        }
        if (!problems.isEmpty()) {
            // a wrong size in config.json misshapes every layer: the first few problems say what is wrong
            int shown = Math.min(problems.size(), 5);
            throw new CheckpointException(source + ": " + String.join("; ", problems.subList(0, shown))
                    + (problems.size() > shown ? "; and " + (problems.size() - shown) + " more" : ""));
        }
        Map<String, Tensor> params = new LinkedHashMap<>();
        TensorOptions options = options(device, precision);
        for (String name : expected.keySet()) {
            params.put(name, tensors.get(name).to(options, false, true, new org.bytedeco.pytorch.MemoryFormatOptional()));
        }
        return new CausalDecoder(config, device, precision, params);
    }

    /**
     * Seeded random initialisation as transformers does it: normal(0, initializer_range) for projections and
     * embeddings, zero biases, unit norms. Drawn on the CPU in fp32 so the same seed gives the same model
     * on every device.
     */
    public static CausalDecoder randomInit(ModelConfig config, long seed, ComputeDevice device, Precision precision) {
        NativeTorch.ensureLoaded();
        torch.manual_seed(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        TensorOptions cpu = new TensorOptions(torch.ScalarType.Float);
        for (Map.Entry<String, long[]> e : config.expectedTensorShapes().entrySet()) {
            String name = e.getKey();
            Tensor t;
            if (name.endsWith("norm.weight")) {
                t = torch.ones(e.getValue(), cpu);
            } else if (name.endsWith(".bias")) {
                t = torch.zeros(e.getValue(), cpu);
            } else {
                t = torch.randn(e.getValue(), cpu).mul_(new Scalar(config.initializerRange()));
            }
            tensors.put(name, t);
        }
        return fromTensors(config, tensors, device, precision, "random init (seed " + seed + ")");
    }

    private static TensorOptions options(ComputeDevice device, Precision precision) {
        return new TensorOptions(precision.scalarType()).device(new DeviceOptional(device.torchDevice()));
    }

    /**
     * cos / sin tables [P, hd] in fp32 for positions 0..P-1, P = {@link ModelConfig#positionLimit()}, as HF:
     * freqs = position · inv_freq in fp32, emb = cat(freqs, freqs), cos = emb.cos() · attention factor (YaRN's;
     * else 1).
     */
    private static Tensor[] ropeTables(ModelConfig config, ComputeDevice device) {
        RopeScaling scaling = config.ropeScaling();
        float[] invFreq = scaling.inverseFrequencies(config.ropeTheta(), config.headDim()); // [hd/2]
        TensorOptions f32 = new TensorOptions(torch.ScalarType.Float);
        Tensor positions = torch.arange(new Scalar(0L), new Scalar((long) config.positionLimit()), f32); // [P]
        Tensor freqs = torch.outer(positions, Tensor.create(invFreq)); // [P, hd/2]
        Tensor emb = torch.cat(new org.bytedeco.pytorch.TensorVector(freqs, freqs), 1); // [P, hd]
        Tensor cos = emb.cos();
        Tensor sin = emb.sin();
        double attentionFactor = scaling.attentionFactor();
        if (attentionFactor != 1.0) {
            cos.mul_(new Scalar(attentionFactor));
            sin.mul_(new Scalar(attentionFactor));
        }
        TensorOptions target = f32.device(new DeviceOptional(device.torchDevice()));
        return new Tensor[] {cos.to(target, false, false, new org.bytedeco.pytorch.MemoryFormatOptional()),
                sin.to(target, false, false, new org.bytedeco.pytorch.MemoryFormatOptional())};
    }

    public ModelConfig config() {
        return config;
    }

    public ComputeDevice device() {
        return device;
    }

    public Precision precision() {
        return precision;
    }

    /** Live parameters in Hugging Face names (tied heads appear once, as the embedding). */
    public Map<String, Tensor> stateDict() {
        return java.util.Collections.unmodifiableMap(parameters);
    }

    /** Live parameters, for optimisers. */
    public List<Tensor> parameters() {
        return List.copyOf(parameters.values());
    }

    public long parameterCount() {
        return parameters.values().stream().mapToLong(Tensor::numel).sum();
    }

    public void requiresGrad(boolean on) {
        parameters.values().forEach(t -> t.requires_grad_(on));
    }

    /** A cache for {@code batch} sequences of at most {@code capacity} tokens. */
    public KvCache newCache(int batch, int capacity) {
        requireWithinPositions(capacity);
        return new KvCache(config, batch, capacity, options(device, precision));
    }

    /** A sequence longer than the RoPE tables fails here, saying which limit, not as an index error inside libtorch. */
    private void requireWithinPositions(long tokens) {
        if (tokens <= config.positionLimit()) {
            return;
        }
        SlidingWindow window = config.slidingWindow();
        RopeScaling.Type scaling = config.ropeScaling().type();
        String limit;
        if (window.inUse() && config.positionLimit() == window.size()) {
            limit = "sliding_window " + window.size() + ": " + (window.fromLayer() == 0 ? "in every layer"
                    : "from layer " + window.fromLayer() + " (max_window_layers) on") + " attention sees only the last "
                    + window.size() + " keys, which this engine does not compute; it runs sequences up to the window,"
                    + " where the window changes nothing";
        } else if (scaling == RopeScaling.Type.YARN) {
            limit = "rope_scaling yarn's factor x original_max_position_embeddings, " + config.positionLimit();
        } else {
            limit = "max_position_embeddings " + config.maxPositionEmbeddings() + (scaling == RopeScaling.Type.DYNAMIC
                    ? " (rope_scaling dynamic: beyond it transformers recomputes the frequencies from the sequence"
                    + " length, which keys already in a KV cache cannot follow)" : "");
        }
        throw new IllegalArgumentException("sequence of " + tokens + " tokens exceeds " + limit);
    }

    /** Logits [B, T, V] for unpadded sequences ids [B, T] starting at position 0. */
    public Tensor forward(Tensor inputIds) {
        long b = inputIds.size(0);
        long t = inputIds.size(1);
        requireWithinPositions(t);
        Tensor positions = torch.arange(new Scalar(0L), new Scalar(t), longOptions()).view(1, t).expand(b, t); // [B, T]
        return forward(inputIds, positions, null, null, 0);
    }

    /** Logits [B, T, V] for a padded batch: valid [B, T] (bool) marks real tokens (left or right padding). */
    public Tensor forwardPadded(Tensor inputIds, Tensor valid) {
        requireWithinPositions(inputIds.size(1));
        Tensor positions = AttentionMasks.positions(valid); // [B, T]
        Tensor mask = AttentionMasks.causal(valid, inputIds.size(1)); // [B, 1, T, T]
        return forward(inputIds, positions, mask, null, 0);
    }

    /**
     * The decoder.
     *
     * @param inputIds    [B, T] int64
     * @param positionIds [B, T] int64, RoPE positions
     * @param mask        [B, 1, T, S] bool (true = attend), or null for plain causal attention over all slots
     * @param cache       null, or the cache whose slots {@code cacheStart..cacheStart+T} receive this call's keys
     * @param cacheStart  first cache slot written by this call
     * @return logits [B, T, V] in the model's precision
     */
    public Tensor forward(Tensor inputIds, Tensor positionIds, Tensor mask, KvCache cache, long cacheStart) {
        long b = inputIds.size(0);
        long t = inputIds.size(1);
        if (t == 1 && cache != null && precision == Precision.FP32 && !org.bytedeco.pytorch.GradMode.is_enabled()) {
            return decodeStep(inputIds, positionIds, mask, cache, cacheStart);
        }
        LayerInputs in = layerInputs(positionIds, mask, cache, cacheStart);
        Tensor x = embed(inputIds); // [B, T, H]
        for (int i = 0; i < layers.length; i++) {
            Tensor input = x;
            int layer = i;
            x = keepOnlyResult(() -> layer(layer, input, in, cache, cacheStart)); // [B, T, H]
        }
        return logits(x); // [B, T, V]
    }

    /**
     * Logits of a padded batch as {@link #forwardPadded}, with activation checkpointing for training: the layers
     * run without autograd and only their inputs are kept; {@link CheckpointedForward#backward()} recomputes them
     * after the loss's backward. Needs grad mode on.
     */
    public CheckpointedForward forwardPaddedCheckpointed(Tensor inputIds, Tensor valid) {
        requireWithinPositions(inputIds.size(1));
        Tensor positions = AttentionMasks.positions(valid); // [B, T]
        Tensor mask = AttentionMasks.causal(valid, inputIds.size(1)); // [B, 1, T, T]
        return CheckpointedForward.run(this, inputIds, layerInputs(positions, mask, null, 0));
    }

    /** What every layer of one call reads besides the hidden state: RoPE rows and the attention mask. */
    record LayerInputs(Tensor cos, Tensor sin, Tensor mask, boolean isCausal) {
    }

    private LayerInputs layerInputs(Tensor positionIds, Tensor mask, KvCache cache, long cacheStart) {
        long b = positionIds.size(0);
        long t = positionIds.size(1);
        int hd = config.headDim();
        Tensor flatPos = positionIds.reshape(-1); // [B*T]
        Tensor cos = ropeCos.index_select(0, flatPos).view(b, 1, t, hd).to(precision.scalarType()); // [B, 1, T, hd]
        Tensor sin = ropeSin.index_select(0, flatPos).view(b, 1, t, hd).to(precision.scalarType()); // [B, 1, T, hd]
        boolean needsOffsetMask = mask == null && cache != null && cacheStart > 0 && t > 1;
        if (needsOffsetMask) {
            Tensor all = torch.ones(new long[] {b, cacheStart + t},
                    new TensorOptions(torch.ScalarType.Bool).device(new DeviceOptional(device.torchDevice())));
            mask = AttentionMasks.causal(all, t); // [B, 1, T, S]
        }
        return new LayerInputs(cos, sin, mask, mask == null && t > 1);
    }

    /** Token embeddings [B, T, H] of ids [B, T]. */
    Tensor embed(Tensor inputIds) {
        return torch.embedding(embedding, inputIds);
    }

    /** Whether backpropagation must reach the embedding table (full fine-tuning, not LoRA). */
    boolean embeddingRequiresGrad() {
        return embedding.requires_grad();
    }

    int layerCount() {
        return layers.length;
    }

    /** Decoder layer i: hidden state [B, T, H] in, [B, T, H] out. */
    Tensor layer(int i, Tensor x, LayerInputs in, KvCache cache, long cacheStart) {
        Layer l = layers[i];
        long b = x.size(0);
        long t = x.size(1);
        int hd = config.headDim();
        Tensor h = rmsNorm(x, l.inputNorm);
        Tensor q = linear(h, l.q, l.qBias).view(b, t, config.numHeads(), hd).transpose(1, 2); // [B, nh, T, hd]
        Tensor k = linear(h, l.k, l.kBias).view(b, t, config.numKvHeads(), hd).transpose(1, 2); // [B, nkv, T, hd]
        Tensor v = linear(h, l.v, l.vBias).view(b, t, config.numKvHeads(), hd).transpose(1, 2); // [B, nkv, T, hd]
        if (l.qNorm != null) {
            q = rmsNorm(q, l.qNorm); // per head, over hd
            k = rmsNorm(k, l.kNorm);
        }
        q = applyRope(q, in.cos(), in.sin());
        k = applyRope(k, in.cos(), in.sin());
        if (cache != null) {
            Tensor[] kv = cache.append(i, cacheStart, k, v);
            k = kv[0]; // [B, nkv, S, hd]
            v = kv[1]; // [B, nkv, S, hd]
        }
        Tensor attn = attention(q, k, v, in.mask(), in.isCausal()); // [B, nh, T, hd]
        attn = attn.transpose(1, 2).reshape(b, t, (long) config.numHeads() * hd); // [B, T, nh*hd]
        x = x.add(linear(attn, l.o, l.oBias));
        h = rmsNorm(x, l.postNorm);
        Tensor gated = torch.silu(linear(h, l.gate, l.gateBias)).mul(linear(h, l.up, l.upBias)); // [B, T, I]
        return x.add(linear(gated, l.down, l.downBias)); // [B, T, H]
    }

    /**
     * Runs work in its own pointer scope and returns its result alone: the Java handles of its intermediate
     * tensors are released on return, not at the end of the caller's scope. Otherwise every layer's
     * intermediates would stay alive to the end of a training micro-batch, whatever autograd (or activation
     * checkpointing) keeps; what autograd keeps, it holds itself.
     */
    static Tensor keepOnlyResult(Supplier<Tensor> work) {
        Tensor kept = new Tensor(); // made outside the scope below: owned by the caller's
        try (PointerScope scope = new PointerScope()) {
            kept.put(work.get());
        }
        return kept;
    }

    /** Final norm and head: hidden state [B, T, H] to logits [B, T, V]. */
    Tensor logits(Tensor x) {
        return torch.linear(rmsNorm(x, finalNorm), head);
    }

    private Tensor attention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean isCausal) {
        if (config.kvGroups() > 1) {
            // repeat_kv as HF: each KV head serves numHeads/numKvHeads consecutive query heads
            k = torch.repeat_interleave(k, config.kvGroups(), new org.bytedeco.pytorch.LongOptional(1), new org.bytedeco.pytorch.LongOptional()); // [B, nh, S, hd]
            v = torch.repeat_interleave(v, config.kvGroups(), new org.bytedeco.pytorch.LongOptional(1), new org.bytedeco.pytorch.LongOptional()); // [B, nh, S, hd]
        }
        TensorOptional m = mask == null ? new TensorOptional() : new TensorOptional(mask);
        return torch.scaled_dot_product_attention(q, k, v, m, 0.0, isCausal,
                new DoubleOptional(1.0 / Math.sqrt(config.headDim())), false);
    }

    private Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Tensor out = bias == null ? torch.linear(x, weight) : torch.linear(x, weight, new TensorOptional(bias));
        ProjectionAdapter adapter = adapters.isEmpty() ? null : adapters.get(weight);
        Tensor delta = adapter == null ? null : adapter.delta(x);
        return delta == null ? out : out.add(delta);
    }

    /**
     * Attaches an adapter to the projection whose weight is {@code weightName} (e.g.
     * {@code model.layers.0.self_attn.q_proj.weight}), or detaches it when {@code adapter} is null.
     */
    public void setAdapter(String weightName, ProjectionAdapter adapter) {
        Tensor weight = parameters.get(weightName);
        if (weight == null || weight.dim() != 2 || weight == embedding || weight == head) {
            throw new IllegalArgumentException("no linear projection weight named '" + weightName + "'");
        }
        if (adapter == null) {
            adapters.remove(weight);
        } else {
            adapters.put(weight, adapter);
        }
    }

    /**
     * One new token per sequence against the cache, fp32 without autograd: the arithmetic of the general path,
     * written into the cache's preallocated {@link DecodeBuffers} (at batch 1 a step is bound by per-operation
     * overhead, and a fresh tensor per operation was most of it), q/k/v projected by one GEMM on
     * {@link FusedQkv}, RoPE applied to the q and k heads together, and SDPA in grouped-query mode instead of
     * repeating the KV heads.
     */
    private Tensor decodeStep(Tensor inputIds, Tensor positionIds, Tensor mask, KvCache cache, long cacheStart) {
        DecodeBuffers w = cache.decodeBuffers();
        long b = inputIds.size(0);
        if (b != cache.batch()) {
            throw new IllegalArgumentException(b + " sequences for a KV cache of " + cache.batch());
        }
        long slots = cacheStart + 1;
        torch.index_select_out(w.x, embedding, 0, inputIds.reshape(-1)); // [B, H]
        Tensor flatPos = positionIds.reshape(-1); // [B]
        torch.index_select_out(w.cos, ropeCos, 0, flatPos); // [B, hd]
        torch.index_select_out(w.sin, ropeSin, 0, flatPos); // [B, hd]
        w.slot.fill_(new Scalar(cacheStart));
        TensorOptional m = mask == null ? w.noMask : new TensorOptional(mask);
        boolean grouped = config.kvGroups() > 1;
        for (int i = 0; i < layers.length; i++) {
            Layer l = layers[i];
            rmsNormInto(w.normed, w.x, l.inputNorm, w);
            projectQkv(i, l, w);
            if (l.qNorm != null) {
                w.q4.copy_(rmsNorm(w.q4, l.qNorm)); // [B, nh, 1, hd] in place in qkv
                w.k4.copy_(rmsNorm(w.k4, l.kNorm)); // [B, nkv, 1, hd]
            }
            // q*cos + rotate_half(q)*sin, rotate_half(q) = cat(-q2, q1): per half, one multiply-add
            torch.mul_out(w.rotated, w.qk, w.cos4); // [B, nh + nkv, 1, hd]
            w.rotatedFirst.addcmul_(w.qkSecond, w.sinFirst, w.minusOne);
            w.rotatedSecond.addcmul_(w.qkFirst, w.sinSecond);
            Tensor[] kv = cache.appendOne(i, w.slot, slots, w.k, w.v); // [B, nkv, S, hd]
            Tensor attn = torch.scaled_dot_product_attention(w.q, kv[0], kv[1], m, 0.0, false, w.attentionScale,
                    grouped); // [B, nh, 1, hd]
            linearInto(w.projected, attn.reshape(b, (long) config.numHeads() * config.headDim()), l.o, l.oBias);
            w.x.add_(w.projected);
            rmsNormInto(w.normed, w.x, l.postNorm, w);
            linearInto(w.gate, w.normed, l.gate, l.gateBias);
            linearInto(w.up, w.normed, l.up, l.upBias);
            torch.silu_(w.gate).mul_(w.up); // [B, I]
            linearInto(w.projected, w.gate, l.down, l.downBias);
            w.x.add_(w.projected); // [B, H]
        }
        rmsNormInto(w.normed, w.x, finalNorm, w);
        return torch.linear(w.normed, head).view(b, 1, config.vocabSize()); // [B, 1, V]
    }

    private void projectQkv(int layer, Layer l, DecodeBuffers w) {
        FusedQkv fused = fusedQkv(layer, l);
        if (fused != null) {
            torch.linear_out(w.qkv, w.normed, fused.weight, fused.bias); // [B, (nh + 2 nkv) hd]
        } else {
            linearInto(w.qProj, w.normed, l.q, l.qBias);
            linearInto(w.kProj, w.normed, l.k, l.kBias);
            linearInto(w.vProj, w.normed, l.v, l.vBias);
        }
    }

    /**
     * The layer's fused copy, rebuilt when stale; null while an adapter sits on q, k or v (its delta needs
     * the separate projection) or while the parameters are inference tensors (their in-place updates leave
     * no version to compare).
     */
    private FusedQkv fusedQkv(int layer, Layer l) {
        if (!adapters.isEmpty() && (adapters.containsKey(l.q) || adapters.containsKey(l.k) || adapters.containsKey(l.v))) {
            return null;
        }
        if (fusedQkv == null) {
            fusedQkv = new FusedQkv[layers.length];
        }
        FusedQkv fused = fusedQkv[layer];
        if (fused != null && fused.isCurrent()) {
            return fused;
        }
        if (fused != null) {
            fused.close();
        }
        fusedQkv[layer] = FusedQkv.of(l);
        return fusedQkv[layer];
    }

    /** out = x·Wᵀ + b (+ the projection's adapter delta), written into out. */
    private void linearInto(Tensor out, Tensor x, Tensor weight, Tensor bias) {
        if (bias == null) {
            torch.linear_out(out, x, weight);
        } else {
            torch.linear_out(out, x, weight, new TensorOptional(bias));
        }
        ProjectionAdapter adapter = adapters.isEmpty() ? null : adapters.get(weight);
        Tensor delta = adapter == null ? null : adapter.delta(x);
        if (delta != null) {
            out.add_(delta);
        }
    }

    /**
     * As torch.rms_norm computes it in fp32, x * rsqrt(mean(x²) + eps) * weight, into out; the mean as ATen's
     * CPU mean is, sum then divide (mean_out itself cost 5x its sum here).
     */
    private static void rmsNormInto(Tensor out, Tensor x, Tensor weight, DecodeBuffers w) {
        torch.mul_out(w.squares, x, x);
        torch.sum_out(w.inverseRms, w.squares, w.lastDim, true, w.sameDtype).div_(w.width); // [B, 1]
        w.inverseRms.add_(w.eps).rsqrt_();
        torch.mul_out(out, x, w.inverseRms).mul_(weight);
    }

    /**
     * q, k and v weights (and biases) of one layer side by side, so that a decoding step projects with one
     * GEMM instead of three. An inference-time copy, never trained: the parameters stay separate, and the copy
     * is rebuilt when an in-place update (optimiser step, copy_, load) has bumped a source's version counter.
     * Retained beyond any enclosing PointerScope: it lives as long as the decoder or until stale.
     */
    private static final class FusedQkv implements AutoCloseable {
        private final Tensor[] sources;
        private final long[] versions;
        final Tensor weight; // [(nh + 2 nkv) hd, H]
        final TensorOptional bias; // [(nh + 2 nkv) hd], or empty

        private FusedQkv(Tensor[] sources, Tensor weight, TensorOptional bias) {
            this.sources = sources;
            this.weight = weight;
            this.bias = bias;
            this.versions = new long[sources.length];
            for (int i = 0; i < sources.length; i++) {
                versions[i] = sources[i].__dispatch__version();
            }
        }

        static FusedQkv of(Layer l) {
            Tensor[] sources = l.qBias == null ? new Tensor[] {l.q, l.k, l.v}
                    : new Tensor[] {l.q, l.k, l.v, l.qBias, l.kBias, l.vBias};
            for (Tensor t : sources) {
                if (t.is_inference()) {
                    return null;
                }
            }
            Tensor weight = torch.cat(new org.bytedeco.pytorch.TensorVector(l.q, l.k, l.v), 0).retainReference();
            TensorOptional bias = l.qBias == null ? new TensorOptional()
                    : new TensorOptional(torch.cat(new org.bytedeco.pytorch.TensorVector(l.qBias, l.kBias, l.vBias), 0));
            return new FusedQkv(sources, weight, bias.retainReference());
        }

        boolean isCurrent() {
            for (int i = 0; i < sources.length; i++) {
                if (sources[i].__dispatch__version() != versions[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            weight.releaseReference();
            bias.releaseReference();
        }
    }

    /** HF Qwen2RMSNorm / LlamaRMSNorm: normalise in fp32, cast back, then scale. */
    private Tensor rmsNorm(Tensor x, Tensor weight) {
        long[] last = {x.size(-1)};
        if (precision == Precision.FP32) {
            return torch.rms_norm(x, last, new TensorOptional(weight), new DoubleOptional(config.rmsNormEps()));
        }
        Tensor normed = torch.rms_norm(x.to(torch.ScalarType.Float), last, new TensorOptional(),
                new DoubleOptional(config.rmsNormEps()));
        return normed.to(precision.scalarType()).mul(weight);
    }

    /** q * cos + rotate_half(q) * sin, rotate_half(x) = cat(-x[..., d/2:], x[..., :d/2]). */
    private static Tensor applyRope(Tensor x, Tensor cos, Tensor sin) {
        long half = x.size(-1) / 2;
        Tensor first = x.narrow(-1, 0, half); // [B, n, T, hd/2]
        Tensor second = x.narrow(-1, half, half); // [B, n, T, hd/2]
        Tensor rotated = torch.cat(new org.bytedeco.pytorch.TensorVector(second.neg(), first), -1); // [B, n, T, hd]
        return x.mul(cos).add(rotated.mul(sin));
    }

    private TensorOptions longOptions() {
        return new TensorOptions(torch.ScalarType.Long).device(new DeviceOptional(device.torchDevice()));
    }

    @Override
    public void close() {
        parameters.values().forEach(Tensor::close);
        ropeCos.close();
        ropeSin.close();
        if (fusedQkv != null) {
            for (FusedQkv fused : fusedQkv) {
                if (fused != null) {
                    fused.close();
                }
            }
        }
    }
}
