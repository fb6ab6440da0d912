package org.stepdpo.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stepdpo serve}: the dashboard and the REST API until Ctrl+C.
 *
 * <p>The application is built with {@code quarkus.http.host-enabled=false} (reports module configuration), so no
 * command opens a port at start-up. This command alone starts an HTTP server on the application's Vert.x instance
 * and hands every request to the application's router ({@link VertxHttpRecorder#getRootHandler()}, the handler
 * Quarkus' own server uses), which serves the REST resources, the Qute pages, the static files and /q/openapi.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the dashboard (/) and the read-only REST API (/api, OpenAPI at /q/openapi) until Ctrl+C.")
public class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N",
            description = "TCP port, 0 for any free one (default: quarkus.http.port, 8080)")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDR",
            description = "Address to bind (default: quarkus.http.host, localhost); 0.0.0.0 serves every interface")
    String host;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int defaultPort;

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "localhost")
    String defaultHost;

    @Inject
    Vertx vertx;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        int p = port == null ? defaultPort : port;
        if (p < 0 || p > 65_535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535; got " + p);
        }
        String h = host == null || host.isBlank() ? defaultHost : host.trim();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(h).setPort(p))
                .requestHandler(VertxHttpRecorder.getRootHandler());
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot serve on " + h + ":" + p + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot serve on " + h + ":" + p + ": no answer from the network stack in 30 s", e);
        }
        String shown = h.contains(":") ? "[" + h + "]" : h;
        spec.commandLine().getOut().printf("Serving the dashboard at http://%s:%d/ (API /api, OpenAPI /q/openapi); Ctrl+C stops.%n",
                shown, server.actualPort());
        spec.commandLine().getOut().flush();
        Quarkus.waitForExit();
        server.close();
        return 0;
    }
}
