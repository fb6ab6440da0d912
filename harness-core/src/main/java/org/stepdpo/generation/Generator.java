package org.stepdpo.generation;

import java.util.ArrayList;
import java.util.List;

/**
 * Where completions come from: the native engine, or any OpenAI-compatible server (vLLM, SGLang).
 * Implementations are safe to call from several threads.
 */
public interface Generator extends AutoCloseable {

    /** The model's name as recorded with the data it produced (the pairs' {@code source_model}). */
    String modelName();

    /** One completion per request, in request order. */
    List<GeneratedText> generate(List<SampleRequest> requests, SamplingSettings sampling);

    /** {@code n} completions of one prompt, request i seeded with {@code seeds[i]}. */
    default List<GeneratedText> sample(String prompt, long[] seeds, SamplingSettings sampling) {
        List<SampleRequest> requests = new ArrayList<>(seeds.length);
        for (long seed : seeds) {
            requests.add(new SampleRequest(prompt, seed));
        }
        return generate(requests, sampling);
    }

    /** Requests per server so far, for backends that call servers; empty for those that run here. */
    default EndpointTraffic traffic() {
        return EndpointTraffic.NONE;
    }

    @Override
    default void close() {
    }
}
