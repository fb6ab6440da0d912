package org.stepdpo.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.engine.model.Architecture;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.ModelConfig;

/** Tiny shapes that exercise every feature: GQA, tied and untied heads, biases, odd rope_theta / eps. */
public final class TinyModels {

    private TinyModels() {
    }

    /** Qwen2 with q/k/v biases, GQA 4:2, tied head. */
    public static ModelConfig qwen2() {
        return ModelConfig.of(Architecture.QWEN2, 97, 32, 48, 2, 4, 2, 1_000_000.0, 1e-6, true, 5);
    }

    /** Llama without biases, GQA 4:1, untied head, non-default rope_theta and eps. */
    public static ModelConfig llama() {
        return ModelConfig.of(Architecture.LLAMA, 89, 32, 40, 2, 4, 1, 500_000.0, 1e-5, false, 3);
    }

    /** Qwen3 with the fields of Qwen3-0.6B's config.json: head_dim 16 = 2 x hidden/heads, q/k norms, tied head. */
    public static ModelConfig qwen3() {
        return fromResource("qwen3-tiny.json");
    }

    /** Llama 3.1 with its config.json fields: rope_scaling llama3 (factor 8, original 8192), 131072 positions. */
    public static ModelConfig llama31() {
        return fromResource("llama31-tiny.json");
    }

    /** DeepSeek-R1-Distill-Qwen-1.5B's config.json fields (Qwen2 layout, inert sliding-window fields). */
    public static ModelConfig r1DistillQwen() {
        return fromResource("r1-distill-qwen-tiny.json");
    }

    /** Mistral v0.3 / Mathstral fields (no biases, sliding_window null) with an explicit head_dim 16. */
    public static ModelConfig mistral() {
        return fromResource("mistral-tiny.json");
    }

    /** The config.json text of a test resource under configs/. */
    public static ObjectNode configTree(String name) {
        try (InputStream in = TinyModels.class.getResourceAsStream("/configs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource configs/" + name);
            }
            return (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelConfig fromResource(String name) {
        return ModelConfig.fromJson(configTree(name));
    }

    /** Random init with biases made non-zero so that they matter. */
    public static CausalDecoder build(ModelConfig config, long seed) {
        CausalDecoder model = CausalDecoder.randomInit(config, seed, ComputeDevice.cpu(), Precision.FP32);
        torch.manual_seed(seed + 1);
        model.stateDict().forEach((name, t) -> {
            if (name.endsWith(".bias")) {
                t.copy_(torch.randn(t.sizes().vec().get()).mul_(new org.bytedeco.pytorch.Scalar(0.1)));
            } else if (name.endsWith("norm.weight")) {
                t.copy_(torch.rand(t.sizes().vec().get()).add_(new org.bytedeco.pytorch.Scalar(0.5)));
            }
        });
        return model;
    }

    public static float[] toArray(Tensor t) {
        Tensor c = t.to(torch.ScalarType.Float).cpu().contiguous();
        float[] out = new float[(int) c.numel()];
        new FloatPointer(c.data_ptr()).get(out);
        return out;
    }

    public static Tensor ids(long[] ids, int rows) {
        return Tensor.create(ids, rows, ids.length / rows);
    }
}
