package org.stepdpo.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stepdpo.engine.Completion;
import org.stepdpo.engine.GenerationRequest;
import org.stepdpo.engine.LanguageModel;
import org.stepdpo.engine.generation.SamplingParams;

/** Completions from trainer-native's engine, in this process; the engine batches the requests itself. */
public final class NativeGenerator implements Generator {

    private final LanguageModel model;
    private final String modelName;
    private final boolean ownsModel;

    /**
     * @param ownsModel whether {@link #close()} closes the model (true when this generator loaded it)
     */
    public NativeGenerator(LanguageModel model, String modelName, boolean ownsModel) {
        this.model = model;
        this.modelName = modelName;
        this.ownsModel = ownsModel;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public List<GeneratedText> generate(List<SampleRequest> requests, SamplingSettings sampling) {
        if (requests.isEmpty()) {
            return List.of();
        }
        List<GenerationRequest> engineRequests = new ArrayList<>(requests.size());
        requests.forEach(r -> engineRequests.add(new GenerationRequest(r.prompt(), r.seed())));
        SamplingParams params = new SamplingParams(sampling.temperature(), sampling.topP(), sampling.topK(),
                sampling.maxTokens(), sampling.stop());
        List<Completion> completions;
        // One model, one forward pass at a time: the engine's state is not shared between threads.
        synchronized (model) {
            completions = model.generate(engineRequests, params);
        }
        List<GeneratedText> out = new ArrayList<>(completions.size());
        completions.forEach(c -> out.add(new GeneratedText(c.text(), c.finishReason().name().toLowerCase(Locale.ROOT))));
        return out;
    }

    @Override
    public void close() {
        if (ownsModel) {
            model.close();
        }
    }
}
