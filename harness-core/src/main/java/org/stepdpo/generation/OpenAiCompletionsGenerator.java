package org.stepdpo.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Completions from an OpenAI-compatible {@code /v1/completions} endpoint, so that sampling can move to a
 * serving cluster (vLLM, SGLang), one server or several replicas of the same model ({@link OpenAiEndpoints}).
 * Each request carries its own {@code seed}; servers that honour it (vLLM does) give the same text for redone
 * work, and the same text whichever replica answers.
 */
public final class OpenAiCompletionsGenerator implements Generator {

    private final OpenAiClient client;

    public OpenAiCompletionsGenerator(OpenAiEndpoint endpoint) {
        this(OpenAiEndpoints.of(endpoint));
    }

    public OpenAiCompletionsGenerator(OpenAiEndpoints endpoints) {
        this.client = new OpenAiClient(endpoints);
    }

    /** @param log where failing servers are reported */
    public OpenAiCompletionsGenerator(OpenAiEndpoints endpoints, java.io.PrintStream log) {
        this.client = new OpenAiClient(endpoints, log);
    }

    @Override
    public String modelName() {
        return client.model();
    }

    @Override
    public EndpointTraffic traffic() {
        return client.traffic();
    }

    @Override
    public List<GeneratedText> generate(List<SampleRequest> requests, SamplingSettings sampling) {
        return client.forEachConcurrently(requests, r -> complete(r, sampling));
    }

    private GeneratedText complete(SampleRequest request, SamplingSettings sampling) {
        ObjectNode body = client.json().createObjectNode();
        body.put("model", client.model());
        body.put("prompt", request.prompt());
        body.put("max_tokens", sampling.maxTokens());
        body.put("temperature", sampling.temperature());
        body.put("top_p", sampling.topP());
        if (sampling.topK() > 0) {
            body.put("top_k", sampling.topK()); // a vLLM/SGLang extension; OpenAI itself has no top_k
        }
        if (!sampling.stop().isEmpty()) {
            sampling.stop().forEach(body.putArray("stop")::add);
        }
        body.put("seed", request.seed());
        body.put("n", 1);
        OpenAiClient.Answer answer = client.post("completions", body);
        JsonNode choice = answer.json().path("choices").path(0);
        JsonNode text = choice.get("text");
        if (text == null || !text.isTextual()) {
            throw new OpenAiException(answer.from() + " answered without choices[0].text: "
                    + OpenAiClient.abbreviate(answer.json().toString()), 200, null);
        }
        JsonNode reason = choice.get("finish_reason");
        return new GeneratedText(text.textValue(), reason == null || reason.isNull() ? null : reason.asText());
    }

    @Override
    public void close() {
        client.close();
    }
}
