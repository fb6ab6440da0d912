package org.stepdpo.cli;

import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

/**
 * Test bean: records in a system property (visible across the test's class loaders) that Quarkus started its
 * HTTP server, which Quarkus announces with an {@link HttpServerStart} event.
 */
@ApplicationScoped
public class HttpServerStarts {

    static final String PROPERTY = "stepdpo.test.http-server-started";

    void started(@ObservesAsync HttpServerStart start) {
        System.setProperty(PROPERTY, "port " + start.options().getPort());
    }
}
