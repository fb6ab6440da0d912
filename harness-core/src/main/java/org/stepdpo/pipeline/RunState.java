package org.stepdpo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The run folder's {@code state.json}: which stages are complete and the run's database record. A stage
 * is added only after its output file is complete; the file is replaced atomically, so it is always
 * either the old or the new state.
 */
final class RunState {

    static final String FILE = "state.json";

    private final Path file;
    private final Set<String> completed = new LinkedHashSet<>();
    private long recordId = -1;

    private RunState(Path file) {
        this.file = file;
    }

    static RunState load(Path runDir) {
        RunState state = new RunState(runDir.resolve(FILE));
        if (Files.exists(state.file)) {
            try {
                JsonNode node = JsonlLog.JSON.readTree(Files.readString(state.file));
                node.path("completed").forEach(s -> state.completed.add(s.asText()));
                state.recordId = node.path("record_id").asLong(-1);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + state.file + ": " + e.getMessage(), e);
            }
        }
        return state;
    }

    boolean done(String stage) {
        return completed.contains(stage);
    }

    void complete(String stage) {
        if (completed.add(stage)) {
            save();
        }
    }

    long recordId() {
        return recordId;
    }

    void recordId(long id) {
        if (id != recordId) {
            recordId = id;
            save();
        }
    }

    private void save() {
        ObjectNode node = JsonlLog.JSON.createObjectNode();
        completed.forEach(node.putArray("completed")::add);
        node.put("record_id", recordId);
        JsonlLog.writeStringAtomically(file, node.toPrettyString() + "\n");
    }
}
