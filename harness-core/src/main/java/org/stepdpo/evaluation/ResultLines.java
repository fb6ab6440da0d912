package org.stepdpo.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one reader of a greedy evaluation's {@code results.jsonl} (one answer per problem), for everything that
 * looks back at an evaluation: the demo's error mix and paired tests, the regression baselines.
 */
public final class ResultLines {

    /**
     * One problem's answer.
     *
     * @param firstErrorStep   the judge's first wrong step, 0-based, or null when it found none (or did not judge)
     * @param firstErrorReason the judge's reason for that step, or null
     */
    public record Line(String id, boolean correct, int steps, boolean judged, Integer firstErrorStep,
                       String firstErrorReason) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultLines() {
    }

    /** Every line; a line without id, correct, steps or judged, or a problem twice, fails naming file and line. */
    public static List<Line> read(Path results) {
        List<Line> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (BufferedReader r = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String text = r.readLine(); text != null; text = r.readLine()) {
                lineNo++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(text);
                if (!n.hasNonNull("id") || !n.hasNonNull("correct") || !n.hasNonNull("steps") || !n.hasNonNull("judged")) {
                    throw new IllegalStateException(results + ":" + lineNo + ": needs id, correct, steps and judged");
                }
                String id = n.get("id").asText();
                if (!seen.add(id)) {
                    throw new IllegalStateException(results + ":" + lineNo + ": problem " + id + " appears twice");
                }
                JsonNode step = n.get("first_error_step");
                JsonNode reason = n.get("first_error_reason");
                out.add(new Line(id, n.get("correct").asBoolean(), n.get("steps").asInt(), n.get("judged").asBoolean(),
                        step == null || step.isNull() ? null : step.asInt(),
                        reason == null || reason.isNull() ? null : reason.asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + results + ": " + e.getMessage(), e);
        }
        return out;
    }
}
