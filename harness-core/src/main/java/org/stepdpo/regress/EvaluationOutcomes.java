package org.stepdpo.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stepdpo.config.baselines.ProblemOutcome;

/** Reads a greedy evaluation's {@code results.jsonl} as per-problem outcomes. */
final class EvaluationOutcomes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationOutcomes() {
    }

    static List<ProblemOutcome> read(Path results) {
        List<ProblemOutcome> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                if (!n.hasNonNull("id") || !n.hasNonNull("correct") || !n.hasNonNull("steps") || !n.hasNonNull("judged")) {
                    throw new IllegalStateException(results + ": line " + lineNo + ": needs id, correct, steps and judged");
                }
                JsonNode firstError = n.get("first_error_step");
                out.add(new ProblemOutcome(n.get("id").asText(), n.get("correct").asBoolean(), n.get("steps").asInt(),
                        n.get("judged").asBoolean(), firstError == null || firstError.isNull() ? null : firstError.asInt() + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + results + ": " + e.getMessage(), e);
        }
        return out;
    }
}
