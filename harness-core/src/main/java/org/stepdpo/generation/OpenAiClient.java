package org.stepdpo.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * JSON over HTTP to one or more OpenAI-compatible servers, shared by the completions generator and the LLM
 * judge: at most {@code concurrency} requests in flight per server, each request sent to the least loaded
 * healthy server ({@link EndpointPool}); on a 429, a 5xx or a network failure (timeouts included) the request
 * is tried again on another server, or on the same one after its back-off when it is the only one. Other 4xx
 * answers are the caller's mistake and fail at once. Which server answers does not change a request, so
 * results depend on the request (and its seed) alone.
 */
public final class OpenAiClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A server's JSON answer and the URL that gave it. */
    public record Answer(URI from, JsonNode json) {
    }

    private final OpenAiEndpoints endpoints;
    private final EndpointPool pool;
    private final HttpClient http;
    private final ExecutorService workers;

    public OpenAiClient(OpenAiEndpoint endpoint) {
        this(OpenAiEndpoints.of(endpoint));
    }

    public OpenAiClient(OpenAiEndpoints endpoints) {
        this(endpoints, System.err);
    }

    /** @param log where failing servers are reported */
    public OpenAiClient(OpenAiEndpoints endpoints, PrintStream log) {
        this.endpoints = endpoints;
        this.pool = new EndpointPool(endpoints.servers(), log);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        this.workers = Executors.newFixedThreadPool(endpoints.concurrency() * endpoints.baseUrls().size(), r -> {
            Thread t = new Thread(r, "openai-" + endpoints.model());
            t.setDaemon(true);
            return t;
        });
    }

    public OpenAiEndpoints endpoints() {
        return endpoints;
    }

    public String model() {
        return endpoints.model();
    }

    /** Requests answered and attempts failed, per server, since this client opened. */
    public EndpointTraffic traffic() {
        return pool.traffic();
    }

    public ObjectMapper json() {
        return JSON;
    }

    /** Applies {@code call} to every item with at most {@code concurrency} per server at once; results in item order. */
    public <I, O> List<O> forEachConcurrently(List<I> items, Function<I, O> call) {
        List<Future<O>> futures = new ArrayList<>(items.size());
        for (I item : items) {
            futures.add(workers.submit(() -> call.apply(item)));
        }
        List<O> out = new ArrayList<>(items.size());
        try {
            for (Future<O> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + String.join(", ", endpoints.baseUrls()), e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    /**
     * POSTs {@code body} to {@code path} (e.g. {@code completions}) and returns the parsed JSON answer. A request
     * gets {@code maxRetries} retries besides one try on each further server; when all fail, the error names
     * every server tried and what it last said.
     */
    public Answer post(String path, ObjectNode body) {
        String payload;
        try {
            payload = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int attempts = endpoints.maxRetries() + pool.size();
        Map<OpenAiEndpoint, String> problems = new LinkedHashMap<>(); // last problem per server tried
        int lastStatus = 0;
        for (int attempt = 1; ; attempt++) {
            EndpointPool.Lease lease;
            try {
                lease = pool.acquire(problems.keySet());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpenAiException("interrupted while waiting for a server for /v1/" + path, 0, e);
            }
            OpenAiEndpoint endpoint = lease.endpoint();
            URI uri = endpoint.resolve(path);
            String problem;
            boolean leaseClosed = false;
            try {
                HttpResponse<String> response = http.send(request(endpoint, uri, payload),
                        HttpResponse.BodyHandlers.ofString());
                lastStatus = response.statusCode();
                if (lastStatus / 100 == 2) {
                    JsonNode json = parse(uri, response.body());
                    pool.succeeded(lease);
                    leaseClosed = true;
                    return new Answer(uri, json);
                }
                problem = "HTTP " + lastStatus + ": " + abbreviate(response.body());
                if (lastStatus != 429 && lastStatus / 100 != 5) {
                    throw new OpenAiException("POST " + uri + " (model " + endpoint.model() + ") failed with "
                            + problem, lastStatus, null);
                }
                pool.failed(lease, problem, retryAfter(response));
                leaseClosed = true;
            } catch (IOException e) {
                lastStatus = 0;
                problem = e.toString();
                pool.failed(lease, problem, null);
                leaseClosed = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpenAiException("interrupted while calling " + uri, 0, e);
            } finally {
                if (!leaseClosed) {
                    pool.released(lease);
                }
            }
            problems.remove(endpoint);
            problems.put(endpoint, problem);
            if (attempt >= attempts) {
                throw new OpenAiException(givenUp(path, attempt, problems), lastStatus, null);
            }
        }
    }

    private String givenUp(String path, int attempts, Map<OpenAiEndpoint, String> problems) {
        if (pool.size() == 1) {
            OpenAiEndpoint only = problems.keySet().iterator().next();
            return "POST " + only.resolve(path) + " (model " + model() + ") failed after " + attempts
                    + " attempt(s); last: " + problems.get(only);
        }
        StringBuilder text = new StringBuilder("POST /v1/" + path + " (model " + model() + ") failed after " + attempts
                + " attempt(s) on " + (problems.size() == pool.size() ? "all " + pool.size() + " servers"
                : problems.size() + " of " + pool.size() + " servers") + "; last answers:");
        problems.forEach((e, p) -> text.append("\n  ").append(e.resolve(path)).append(": ").append(p));
        return text.toString();
    }

    private HttpRequest request(OpenAiEndpoint endpoint, URI uri, String payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(endpoint.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (endpoint.apiKey() != null && !endpoint.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        return request.build();
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofMillis((long) (Double.parseDouble(v.strip()) * 1000));
            } catch (NumberFormatException notSeconds) {
                return null; // an HTTP date: fall back to our own back-off
            }
        }).orElse(null);
    }

    private static JsonNode parse(URI uri, String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new OpenAiException("POST " + uri + " answered with invalid JSON (" + e.getOriginalMessage() + "): "
                    + abbreviate(body), 200, e);
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 297) + "...";
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
