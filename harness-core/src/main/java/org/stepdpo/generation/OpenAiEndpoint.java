package org.stepdpo.generation;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * An OpenAI-compatible server (OpenAI, vLLM, SGLang, ...) and how politely to use it.
 *
 * @param baseUrl        e.g. {@code http://127.0.0.1:8000} or {@code https://api.openai.com/v1}; a trailing
 *                       {@code /v1} is optional
 * @param apiKey         sent as {@code Authorization: Bearer ...}; null or blank for servers without keys
 * @param model          the served model's name
 * @param concurrency    most requests in flight at once
 * @param maxRetries     retries after a 429, a 5xx or a network failure (0 = fail at once)
 * @param initialBackoff wait before the first retry; doubled for each further one (a Retry-After header
 *                       of the server wins when it asks for longer)
 * @param requestTimeout limit for one HTTP request, response included
 */
public record OpenAiEndpoint(String baseUrl, String apiKey, String model, int concurrency, int maxRetries,
                             Duration initialBackoff, Duration requestTimeout) {

    public OpenAiEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        if (concurrency < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("concurrency must be >= 1 and maxRetries >= 0; got " + concurrency
                    + ", " + maxRetries);
        }
        URI uri = URI.create(baseUrl);
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL: \"" + baseUrl + "\"");
        }
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        requestTimeout = requestTimeout == null ? Duration.ofMinutes(5) : requestTimeout;
    }

    /** Defaults: 8 requests in flight, 6 retries from 1 s, 5-minute timeout. */
    public static OpenAiEndpoint of(String baseUrl, String apiKey, String model) {
        return new OpenAiEndpoint(baseUrl, apiKey, model, 8, 6, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** The URL of an API path such as {@code completions} or {@code chat/completions}. */
    public URI resolve(String path) {
        String base = baseUrl.replaceAll("/+$", "");
        if (!base.endsWith("/v1")) {
            base = base + "/v1";
        }
        return URI.create(base + "/" + path);
    }

    /** The endpoint without its key, for logs and run records. */
    @Override
    public String toString() {
        return "OpenAiEndpoint[" + baseUrl + ", model " + model + ", concurrency " + concurrency + "]";
    }
}
