package org.stepdpo.cli.engine;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stepdpo.cli.WithoutStorage;
import org.stepdpo.engine.ModelInitializer;
import org.stepdpo.engine.model.Architecture;
import org.stepdpo.engine.model.ModelConfig;
import org.stepdpo.engine.model.RopeScaling;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo model init}: a seeded random model in Hugging Face layout. */
@WithoutStorage
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a randomly initialised Qwen2, Qwen3, Llama or Mistral model (Hugging Face layout) into a folder.")
public class ModelInitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", required = true, description = "qwen2, qwen3, llama or mistral.")
    String arch;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--tokenizer", description = "tokenizer.json to use (default: the built-in byte-level tokenizer).")
    Path tokenizer;

    @Option(names = "--vocab-size", defaultValue = "0", description = "0 = tokenizer size rounded up to 64.")
    int vocabSize;

    @Option(names = "--hidden-size", defaultValue = "128", description = "Hidden size (default: ${DEFAULT-VALUE}).")
    int hiddenSize;

    @Option(names = "--intermediate-size", defaultValue = "352", description = "MLP size (default: ${DEFAULT-VALUE}).")
    int intermediateSize;

    @Option(names = "--layers", defaultValue = "4", description = "Decoder layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--heads", defaultValue = "4", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "2", description = "Key/value heads, GQA (default: ${DEFAULT-VALUE}).")
    int kvHeads;

    @Option(names = "--rope-theta", defaultValue = "10000", description = "RoPE base (default: ${DEFAULT-VALUE}).")
    double ropeTheta;

    @Option(names = "--rms-norm-eps", defaultValue = "1e-6", description = "RMSNorm epsilon (default: ${DEFAULT-VALUE}).")
    double rmsNormEps;

    @Option(names = "--untied", description = "Separate lm_head instead of sharing the embedding.")
    boolean untied;

    @Option(names = "--head-dim", defaultValue = "0", description = "Per-head width; 0 = hidden size / heads.")
    int headDim;

    @Option(names = "--max-positions", defaultValue = "2048",
            description = "max_position_embeddings (default: ${DEFAULT-VALUE}).")
    int maxPositions;

    @Option(names = "--rope-scaling", description = "rope_scaling as config.json writes it, e.g. '{\"rope_type\": "
            + "\"llama3\", \"factor\": 8.0, \"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0, "
            + "\"original_max_position_embeddings\": 8192}' (default: none).")
    String ropeScaling;

    @Option(names = "--seed", defaultValue = "0", description = "Initialisation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        Architecture architecture = Architecture.fromModelType(arch.toLowerCase(Locale.ROOT));
        RopeScaling scaling;
        try {
            scaling = ropeScaling == null ? RopeScaling.NONE : RopeScaling.fromJson(new ObjectMapper().readTree(ropeScaling));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--rope-scaling is not JSON: " + e.getOriginalMessage());
        }
        ModelConfig config = ModelInitializer.initialize(new ModelInitializer.Spec(architecture, vocabSize, hiddenSize,
                intermediateSize, layers, heads, kvHeads, ropeTheta, rmsNormEps, !untied, seed, tokenizer, headDim,
                maxPositions, scaling), out);
        spec.commandLine().getOut().printf("wrote %s model to %s: vocab %d, hidden %d, %d layers, %d/%d heads%n", architecture.modelType(),
                out, config.vocabSize(), config.hiddenSize(), config.numLayers(), config.numHeads(), config.numKvHeads());
        return 0;
    }
}
