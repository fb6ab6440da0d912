package org.stepdpo.cli.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stepdpo.cli.WithoutStorage;
import org.stepdpo.engine.Completion;
import org.stepdpo.engine.GenerationRequest;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.engine.generation.SamplingParams;
import picocli.CommandLine.Command;
import org.stepdpo.cli.DeviceOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo generate}: continue one or more prompts with the native engine. */
@WithoutStorage
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate continuations of prompts with a Hugging Face Qwen2, Qwen3, Llama or Mistral checkpoint on libtorch.")
public class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Hugging Face model folder (config.json, safetensors, tokenizer.json).")
    Path model;

    @Option(names = "--prompt", required = true, description = "Prompt text; repeat for a batch.")
    List<String> prompts = new ArrayList<>();

    @Mixin
    DeviceOption device;

    @Option(names = "--precision", description = "fp32 or bf16 (default: fp32 on CPU, bf16 on CUDA).")
    String precision;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus mass (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--top-k", defaultValue = "0", description = "Keep the k most likely tokens, 0 = off (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--max-new-tokens", defaultValue = "256", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    @Option(names = "--stop", description = "Stop string; repeatable.")
    List<String> stop = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the first prompt; prompt i uses seed + i (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        SamplingParams params = new SamplingParams(temperature, topP, topK, maxNewTokens, stop);
        try (TorchLanguageModel lm = TorchLanguageModel.load(model, DeviceChoice.parse(device.choice()),
                precision == null ? null : Precision.parse(precision))) {
            List<GenerationRequest> requests = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                requests.add(new GenerationRequest(prompts.get(i), seed + i));
            }
            List<Completion> completions = lm.generate(requests, params);
            for (int i = 0; i < completions.size(); i++) {
                Completion c = completions.get(i);
                if (completions.size() > 1) {
                    spec.commandLine().getOut().println("=== prompt " + (i + 1) + " (" + c.tokenIds().length + " tokens, " + c.finishReason() + ")");
                }
                spec.commandLine().getOut().println(printable(c.text()));
            }
        }
        return 0;
    }

    /**
     * The text as a terminal can show it: control characters (a random or half-trained model emits them, and they
     * can move the cursor or ring the bell) written as {@code \u0007}, line breaks and tabs kept; text the tokenizer
     * could not decode already arrives as U+FFFD.
     */
    static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t' || !(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    && c != 0x200D)) {
                b.appendCodePoint(c);
            } else {
                b.append(String.format("\\u%04x", c));
            }
        });
        return b.toString();
    }
}
