package org.stepdpo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stepdpo.generation.EndpointTraffic;

/**
 * The run folder's {@code servers.json}: per stage and role (policy, judge), how many requests each server
 * answered and how many attempts on it failed, summed over every attempt at the run. It says where the data
 * came from; it is not part of the data (the records do not depend on the server that answered).
 */
final class ServerTrafficLog {

    static final String FILE = "servers.json";

    private ServerTrafficLog() {
    }

    /** Logs one line for {@code stage}'s traffic of {@code role} and adds it to the folder's record; idle traffic is skipped. */
    static void add(Path dir, String stage, String role, EndpointTraffic traffic, PrintStream log) {
        if (traffic.idle()) {
            return;
        }
        log.printf("%s: %d %s requests over %d server(s), %d failed attempt(s) retried: %s%n", stage, traffic.served(),
                role, traffic.servers().size(), traffic.failed(), traffic.describe());
        Path file = dir.resolve(FILE);
        ObjectNode all;
        try {
            all = Files.exists(file) ? (ObjectNode) JsonlLog.JSON.readTree(Files.readString(file))
                    : JsonlLog.JSON.createObjectNode();
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException(file + ": not the JSON object of server counts this run writes ("
                    + e.getMessage() + ")", e);
        }
        ObjectNode byRole = all.has(stage) ? (ObjectNode) all.get(stage) : all.putObject(stage);
        ArrayNode servers = byRole.has(role) ? (ArrayNode) byRole.get(role) : byRole.putArray(role);
        for (EndpointTraffic.Server s : traffic.servers()) {
            ObjectNode row = null;
            for (JsonNode existing : servers) {
                if (existing.path("base_url").asText().equals(s.baseUrl())) {
                    row = (ObjectNode) existing;
                }
            }
            if (row == null) {
                row = servers.addObject().put("base_url", s.baseUrl()).put("served", 0).put("failed", 0);
            }
            row.put("served", row.path("served").asLong() + s.served());
            row.put("failed", row.path("failed").asLong() + s.failed());
        }
        try {
            JsonlLog.writeStringAtomically(file, JsonlLog.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all)
                    + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
