package org.stepdpo.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which servers answered how many requests, and how many attempts on each failed (a 429, a 5xx, a dropped
 * connection or a timeout, each retried on another server). Empty for backends that run in this process.
 */
public record EndpointTraffic(List<Server> servers) {

    public static final EndpointTraffic NONE = new EndpointTraffic(List.of());

    /**
     * @param baseUrl the server
     * @param served  requests it answered
     * @param failed  attempts on it that failed and were retried (or given up)
     */
    public record Server(String baseUrl, long served, long failed) {
    }

    public EndpointTraffic {
        servers = List.copyOf(servers);
    }

    public long served() {
        return servers.stream().mapToLong(Server::served).sum();
    }

    public long failed() {
        return servers.stream().mapToLong(Server::failed).sum();
    }

    /** Nothing was sent. */
    public boolean idle() {
        return served() == 0 && failed() == 0;
    }

    /** The traffic since {@code before}, a snapshot of the same servers taken earlier. */
    public EndpointTraffic since(EndpointTraffic before) {
        List<Server> out = new ArrayList<>(servers.size());
        for (Server s : servers) {
            Server b = before.servers.stream().filter(x -> x.baseUrl().equals(s.baseUrl())).findFirst()
                    .orElse(new Server(s.baseUrl(), 0, 0));
            out.add(new Server(s.baseUrl(), s.served() - b.served(), s.failed() - b.failed()));
        }
        return new EndpointTraffic(out);
    }

    /** {@code http://a:8000 30 served, 2 failed; http://b:8000 18 served, 0 failed} */
    public String describe() {
        return servers.stream().map(s -> s.baseUrl() + " " + s.served() + " served, " + s.failed() + " failed")
                .collect(Collectors.joining("; "));
    }
}
