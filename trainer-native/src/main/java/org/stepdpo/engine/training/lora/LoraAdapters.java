package org.stepdpo.engine.training.lora;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.checkpoint.CheckpointException;
import org.stepdpo.engine.checkpoint.HfCheckpoint;
import org.stepdpo.engine.checkpoint.SafetensorsFile;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.ProjectionAdapter;

/**
 * LoRA adapters attached to a decoder's projections. The base weights stay frozen; switching the adapters
 * off turns the same decoder back into the base model, which is the reference of LoRA preference training
 * (no second copy of the weights).
 */
public final class LoraAdapters implements AutoCloseable {

    /** PEFT's file names and the prefix its keys carry (PeftModel → LoraModel → the HF model). */
    public static final String CONFIG_FILE = "adapter_config.json";
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";
    public static final String PEFT_PREFIX = "base_model.model.";

    private final CausalDecoder model;
    private final LoraConfig config;
    private final Map<String, Adapter> adapters = new LinkedHashMap<>(); // by base weight name
    private boolean enabled = true;
    private boolean training = true;

    private final class Adapter implements ProjectionAdapter {
        final Tensor a; // [r, in]
        final Tensor b; // [out, r]

        Adapter(Tensor a, Tensor b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public Tensor delta(Tensor x) {
            if (!enabled) {
                return null;
            }
            Tensor in = config.dropout() > 0 && training ? torch.dropout(x, config.dropout(), true) : x;
            return torch.linear(torch.linear(in, a), b).mul(new Scalar(config.scaling())); // [..., out]
        }
    }

    private LoraAdapters(CausalDecoder model, LoraConfig config) {
        this.model = model;
        this.config = config;
    }

    /**
     * Attaches fresh adapters as PEFT initialises them: A ~ kaiming_uniform(a=√5) = U(−1/√in, 1/√in), B = 0,
     * so the model's output is unchanged at first. Drawn on the CPU in fp32 from {@code seed}.
     */
    public static LoraAdapters attach(CausalDecoder model, LoraConfig config, long seed) {
        LoraAdapters lora = new LoraAdapters(model, config);
        torch.manual_seed(seed);
        TensorOptions cpu = new TensorOptions(torch.ScalarType.Float);
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            String name = e.getKey();
            if (!isTarget(name, config.targets())) {
                continue;
            }
            long out = e.getValue().size(0);
            long in = e.getValue().size(1);
            double bound = 1.0 / Math.sqrt(in);
            Tensor a = torch.rand(new long[] {config.rank(), in}, cpu).mul_(new Scalar(2 * bound)).sub_(new Scalar(bound));
            Tensor b = torch.zeros(new long[] {out, config.rank()}, cpu);
            lora.add(name, a, b);
        }
        model.requiresGrad(false);
        return lora;
    }

    private static boolean isTarget(String weightName, List<String> targets) {
        if (!weightName.startsWith("model.layers.") || !weightName.endsWith(".weight")) {
            return false;
        }
        String module = weightName.substring(0, weightName.length() - ".weight".length());
        return targets.contains(module.substring(module.lastIndexOf('.') + 1));
    }

    private void add(String weightName, Tensor a, Tensor b) {
        TensorOptions options = new TensorOptions(model.precision().scalarType())
                .device(new org.bytedeco.pytorch.DeviceOptional(model.device().torchDevice()));
        Tensor da = a.to(options, false, true, new org.bytedeco.pytorch.MemoryFormatOptional()).requires_grad_(true);
        Tensor db = b.to(options, false, true, new org.bytedeco.pytorch.MemoryFormatOptional()).requires_grad_(true);
        Adapter adapter = new Adapter(da, db);
        adapters.put(weightName, adapter);
        model.setAdapter(weightName, adapter);
    }

    public LoraConfig config() {
        return config;
    }

    /** Off: the decoder computes the base model. */
    public void setEnabled(boolean on) {
        this.enabled = on;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Dropout is active only while training. */
    public void setTraining(boolean on) {
        this.training = on;
    }

    public boolean training() {
        return training;
    }

    /** Trainable tensors named as in a model folder: {@code model.layers.0.self_attn.q_proj.lora_A.weight}. */
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        adapters.forEach((weight, adapter) -> {
            String module = weight.substring(0, weight.length() - ".weight".length());
            out.put(module + ".lora_A.weight", adapter.a);
            out.put(module + ".lora_B.weight", adapter.b);
        });
        return out;
    }

    /** Copies saved adapter tensors (names as {@link #parameters()}) into the live ones. */
    public void load(Map<String, Tensor> saved, String source) {
        Map<String, Tensor> live = parameters();
        if (!saved.keySet().equals(live.keySet())) {
            throw new CheckpointException(source + ": adapter tensors " + saved.keySet() + " do not match this run's "
                    + live.keySet() + " (same --lora-rank and --lora-targets?)");
        }
        try (NoGradGuard noGrad = new NoGradGuard()) {
            live.forEach((name, t) -> t.copy_(saved.get(name)));
        }
    }

    /** The base weights with each target replaced by W + (alpha / r)·B·A, in Hugging Face names (new tensors). */
    public Map<String, Tensor> mergedStateDict() {
        Map<String, Tensor> merged = new LinkedHashMap<>();
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
                Adapter adapter = adapters.get(e.getKey());
                merged.put(e.getKey(), adapter == null ? e.getValue()
                        : e.getValue().add(torch.matmul(adapter.b, adapter.a).mul(new Scalar(config.scaling())))); // [out, in]
            }
        }
        return merged;
    }

    /** Adds (alpha / r)·B·A into each target's base weight and detaches the adapters: the decoder is then the merged model. */
    public void mergeIntoBase() {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            adapters.forEach((name, adapter) -> model.stateDict().get(name)
                    .add_(torch.matmul(adapter.b, adapter.a).mul(new Scalar(config.scaling())))); // [out, in]
        }
        close();
    }

    /** Writes {@code adapter_config.json} and {@code adapter_model.safetensors} as PEFT saves them. */
    public void savePeft(Path dir, String baseModel) {
        ObjectNode c = HfCheckpoint.json().createObjectNode();
        c.put("peft_type", "LORA");
        c.put("task_type", "CAUSAL_LM");
        c.put("base_model_name_or_path", baseModel);
        c.put("r", config.rank());
        c.put("lora_alpha", config.alpha());
        c.put("lora_dropout", config.dropout());
        ArrayNode targets = c.putArray("target_modules");
        config.targets().forEach(targets::add);
        c.put("bias", "none");
        c.put("fan_in_fan_out", false);
        c.put("inference_mode", true);
        c.put("init_lora_weights", true);
        c.put("use_rslora", false);
        c.put("use_dora", false);
        c.putNull("modules_to_save");
        c.putNull("layers_to_transform");
        c.putObject("rank_pattern");
        c.putObject("alpha_pattern");
        HfCheckpoint.writeJson(dir.resolve(CONFIG_FILE), c);
        Map<String, Tensor> peft = new LinkedHashMap<>();
        parameters().forEach((name, t) -> peft.put(PEFT_PREFIX + name, t));
        SafetensorsFile.write(dir.resolve(WEIGHTS_FILE), peft, Map.of());
    }

    /** Names of the projections carrying adapters, for messages. */
    public List<String> targetWeights() {
        return new ArrayList<>(adapters.keySet());
    }

    /** Detaches the adapters from the decoder and frees them. */
    @Override
    public void close() {
        adapters.forEach((name, adapter) -> {
            model.setAdapter(name, null);
            adapter.a.close();
            adapter.b.close();
        });
        adapters.clear();
    }
}
