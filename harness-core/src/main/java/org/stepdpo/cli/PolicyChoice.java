package org.stepdpo.cli;

import java.nio.file.Path;
import java.util.List;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.config.PromptTemplates;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.NativeGenerator;
import org.stepdpo.generation.OpenAiCompletionsGenerator;
import org.stepdpo.evaluation.Provenance;
import org.stepdpo.generation.Environment;
import org.stepdpo.generation.OpenAiEndpoints;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The policy model of a command (an exclusive option group): a local model folder or an OpenAI-compatible server. */
public class PolicyChoice {

    @Option(names = "--model", paramLabel = "DIR", description = "Hugging Face model folder, run by the native engine")
    Path model;

    @ArgGroup(exclusive = false)
    OpenAiPolicy openAi;

    static class OpenAiPolicy {
        @Option(names = "--openai-url", required = true, paramLabel = "URL", split = ",",
                description = "OpenAI-compatible server (vLLM, SGLang), e.g. http://127.0.0.1:8000; several servers of the "
                        + "same model: repeat the option or separate URLs by commas, each request goes to the least "
                        + "loaded healthy one")
        List<String> urls;

        @Option(names = "--openai-model", required = true, paramLabel = "NAME", description = "Served model name")
        String model;

        @Option(names = "--openai-key", paramLabel = "KEY", description = "API key (default: env OPENAI_API_KEY)")
        String key;

        @Option(names = "--openai-concurrency", defaultValue = "16",
                description = "Requests in flight per server (default: ${DEFAULT-VALUE})")
        int concurrency;
    }

    /**
     * The prompt template {@code name}; one of kind chat ({@code --template chat}) is rendered with the chat
     * template of the {@code --model} folder, which a server's model does not have here.
     */
    PromptTemplate template(PromptTemplates registry, String name) {
        if (registry.isChat(name) && model == null) {
            throw new IllegalArgumentException("--template " + name + " is the model's own chat template and needs its "
                    + "folder: give --model DIR (the folder of a model behind --openai-url is not known here)");
        }
        return registry.get(name, model);
    }

    /** Where the policy runs, as runs record it: the native engine's device, or the server's URL. */
    String device(String device) {
        return model != null ? Provenance.device(device) : "remote: " + String.join(", ", endpoints().baseUrls());
    }

    /**
     * Opens the generator.
     *
     * @param device    native engine device (cpu, cuda, cuda:N, auto)
     * @param precision native engine precision, or null for the device's default
     */
    Generator open(String device, String precision) {
        if (model != null) {
            TorchLanguageModel lm = TorchLanguageModel.load(model, DeviceChoice.parse(device),
                    precision == null ? null : Precision.parse(precision));
            return new NativeGenerator(lm, org.stepdpo.evaluation.ModelNames.of(model), true);
        }
        return new OpenAiCompletionsGenerator(endpoints());
    }

    private OpenAiEndpoints endpoints() {
        return OpenAiEndpoints.parse(openAi.urls, openAi.key != null ? openAi.key : Environment.first("OPENAI_API_KEY"),
                openAi.model, openAi.concurrency);
    }
}
