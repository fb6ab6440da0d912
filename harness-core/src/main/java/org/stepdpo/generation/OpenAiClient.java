package org.stepdpo.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * JSON over HTTP to an OpenAI-compatible server, shared by the completions generator and the LLM judge:
 * at most {@code concurrency} requests in flight, retries with exponential back-off on 429, 5xx and
 * network failures, a timeout per request. Other 4xx answers are the caller's mistake and fail at once.
 */
public final class OpenAiClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    private final OpenAiEndpoint endpoint;
    private final HttpClient http;
    private final ExecutorService workers;

    public OpenAiClient(OpenAiEndpoint endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        this.workers = Executors.newFixedThreadPool(endpoint.concurrency(), r -> {
            Thread t = new Thread(r, "openai-" + endpoint.model());
            t.setDaemon(true);
            return t;
        });
    }

    public OpenAiEndpoint endpoint() {
        return endpoint;
    }

    public ObjectMapper json() {
        return JSON;
    }

    /** Applies {@code call} to every item with at most {@code concurrency} at once; results in item order. */
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
            throw new IllegalStateException("interrupted while waiting for " + endpoint.baseUrl(), e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    /** POSTs {@code body} to {@code path} (e.g. {@code completions}) and returns the parsed JSON answer. */
    public JsonNode post(String path, ObjectNode body) {
        URI uri = endpoint.resolve(path);
        String payload;
        try {
            payload = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(endpoint.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (endpoint.apiKey() != null && !endpoint.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        HttpRequest built = request.build();
        int lastStatus = 0;
        String lastProblem = null;
        for (int attempt = 0; ; attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                lastStatus = response.statusCode();
                if (lastStatus / 100 == 2) {
                    return parse(uri, response.body());
                }
                lastProblem = "HTTP " + lastStatus + ": " + abbreviate(response.body());
                if (lastStatus != 429 && lastStatus / 100 != 5) {
                    throw new OpenAiException("POST " + uri + " (model " + endpoint.model() + ") failed with "
                            + lastProblem, lastStatus, null);
                }
                retryAfter = retryAfter(response);
            } catch (IOException e) {
                lastStatus = 0;
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpenAiException("interrupted while calling " + uri, 0, e);
            }
            if (attempt >= endpoint.maxRetries()) {
                throw new OpenAiException("POST " + uri + " (model " + endpoint.model() + ") failed after "
                        + (attempt + 1) + " attempt(s); last: " + lastProblem, lastStatus, null);
            }
            sleep(backoff(attempt, retryAfter));
        }
    }

    /** initialBackoff · 2^attempt, capped, or the server's Retry-After when that is longer. */
    Duration backoff(int attempt, Duration retryAfter) {
        Duration exponential = endpoint.initialBackoff().multipliedBy(1L << Math.min(attempt, 20));
        if (exponential.compareTo(MAX_BACKOFF) > 0) {
            exponential = MAX_BACKOFF;
        }
        return retryAfter != null && retryAfter.compareTo(exponential) > 0 && retryAfter.compareTo(MAX_BACKOFF) <= 0
                ? retryAfter : exponential;
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

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenAiException("interrupted while backing off", 0, e);
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
