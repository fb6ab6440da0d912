package org.stepdpo.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenAI-compatible server for tests (127.0.0.1, random port): a handler decides each answer, and
 * the server remembers every request and the most requests it had in flight at once.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    /** One answer: HTTP status, JSON (or any) body, extra headers. */
    public record Reply(int status, String body, Map<String, String> headers) {
        public static Reply ok(String body) {
            return new Reply(200, body, Map.of());
        }

        public static Reply status(int status) {
            return new Reply(status, "{\"error\":{\"message\":\"status " + status + "\"}}", Map.of());
        }

        /** No answer at all: the connection is closed, as by a server that crashed mid-request. */
        public static Reply drop() {
            return new Reply(DROP, "", Map.of());
        }
    }

    private static final int DROP = -1;

    /** A received request: path, Authorization header, parsed JSON body. */
    public record Received(String path, String authorization, JsonNode body) {
    }

    @FunctionalInterface
    public interface Handler {
        Reply handle(Received request) throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public FakeOpenAiServer(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> serve(exchange, handler));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return received;
    }

    public int peakInFlight() {
        return peak.get();
    }

    private void serve(HttpExchange exchange, Handler handler) throws IOException {
        int now = inFlight.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        try {
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received r = new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), JSON.readTree(text));
            received.add(r);
            Reply reply;
            try {
                reply = handler.handle(r);
            } catch (Exception e) {
                reply = new Reply(500, "handler failed: " + e, Map.of());
            }
            if (reply.status() == DROP) {
                return; // closing the exchange before any header closes the connection
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    /** A /v1/completions answer with one choice. */
    public static String completion(String text, String finishReason) {
        return JSON.createObjectNode().put("object", "text_completion").set("choices", JSON.createArrayNode()
                .add(JSON.createObjectNode().put("index", 0).put("text", text).put("finish_reason", finishReason)))
                .toString();
    }

    /** A /v1/chat/completions answer with one message. */
    public static String chat(String content) {
        var message = JSON.createObjectNode().put("role", "assistant").put("content", content);
        return JSON.createObjectNode().put("object", "chat.completion").set("choices", JSON.createArrayNode()
                .add(JSON.createObjectNode().put("index", 0).put("finish_reason", "stop").set("message", message)))
                .toString();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
