package org.stepdpo.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One or more OpenAI-compatible servers that serve the same model (several vLLM or SGLang replicas), used
 * with the same settings; {@link OpenAiClient} spreads the requests over them.
 *
 * @param baseUrls       the servers, at least one, no duplicates
 * @param apiKey         sent to every server; null or blank for servers without keys
 * @param model          the served model's name, the same on every server
 * @param concurrency    most requests in flight at once <em>per server</em>
 * @param maxRetries     retries of a request after a 429, a 5xx or a network failure, besides one try on each
 *                       further server (so one server gives {@code maxRetries + 1} attempts, as before)
 * @param initialBackoff how long a server that just failed is left out; doubled for each further failure
 * @param requestTimeout limit for one HTTP request, response included
 */
public record OpenAiEndpoints(List<String> baseUrls, String apiKey, String model, int concurrency, int maxRetries,
                              Duration initialBackoff, Duration requestTimeout) {

    public OpenAiEndpoints {
        baseUrls = List.copyOf(baseUrls);
        Objects.requireNonNull(model, "model");
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("no server URL given");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String url : baseUrls) {
            if (!seen.add(normalized(url))) {
                throw new IllegalArgumentException("server URL \"" + url + "\" is given twice");
            }
        }
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        requestTimeout = requestTimeout == null ? Duration.ofMinutes(5) : requestTimeout;
        servers(baseUrls, apiKey, model, concurrency, maxRetries, initialBackoff, requestTimeout); // validates each URL
    }

    /** One server, as the single-URL options gave it. */
    public static OpenAiEndpoints of(OpenAiEndpoint server) {
        return new OpenAiEndpoints(List.of(server.baseUrl()), server.apiKey(), server.model(), server.concurrency(),
                server.maxRetries(), server.initialBackoff(), server.requestTimeout());
    }

    /**
     * The servers named by option or suite values, each a URL or a comma-separated list of URLs
     * ({@code --openai-url http://a:8000,http://b:8000 --openai-url http://c:8000}), with the usual politeness:
     * 6 retries from 1 s, a 5-minute timeout.
     */
    public static OpenAiEndpoints parse(List<String> values, String apiKey, String model, int concurrency) {
        return new OpenAiEndpoints(splitUrls(values), apiKey, model, concurrency, 6, Duration.ofSeconds(1),
                Duration.ofMinutes(5));
    }

    /** The URLs in {@code values}, where each value is one URL or several separated by commas. */
    public static List<String> splitUrls(List<String> values) {
        List<String> urls = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                String url = part.strip();
                if (url.isEmpty()) {
                    throw new IllegalArgumentException("empty server URL in \"" + value + "\"");
                }
                urls.add(url);
            }
        }
        return urls;
    }

    /** Each server as an {@link OpenAiEndpoint} with the shared settings, in the order given. */
    public List<OpenAiEndpoint> servers() {
        return servers(baseUrls, apiKey, model, concurrency, maxRetries, initialBackoff, requestTimeout);
    }

    private static List<OpenAiEndpoint> servers(List<String> urls, String apiKey, String model, int concurrency,
                                                int maxRetries, Duration initialBackoff, Duration requestTimeout) {
        return urls.stream().map(u -> new OpenAiEndpoint(u, apiKey, model, concurrency, maxRetries, initialBackoff,
                requestTimeout)).toList();
    }

    private static String normalized(String url) {
        String base = url.strip().replaceAll("/+$", "");
        return base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
    }

    /** The servers without the key, for logs and run records. */
    @Override
    public String toString() {
        return "OpenAiEndpoints[" + String.join(", ", baseUrls) + "; model " + model + ", concurrency " + concurrency
                + " per server]";
    }
}
