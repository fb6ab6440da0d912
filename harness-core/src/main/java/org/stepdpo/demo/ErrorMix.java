package org.stepdpo.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.stepdpo.data.arith.ArithStepVerifier.ErrorKind;

/**
 * What the first wrong steps of one model's wrong answers are, by the verifier's error kind: arithmetic slips
 * (which preference training cannot fix: it adds no capacity) versus wrong operations (a preferred wrong
 * step, which it can). Read from an evaluation's {@code results.jsonl} ({@code first_error_reason}).
 *
 * @param wrong  wrong answers
 * @param byKind wrong answers by the kind of their first wrong step ("arithmetic", "wrong operation", ...;
 *               "other" for reasons the verifier did not write, "none" when no step was found wrong)
 */
public record ErrorMix(int wrong, Map<String, Integer> byKind) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ErrorMix {
        byKind = Map.copyOf(byKind);
    }

    /** The share of wrong answers whose first wrong step is of this kind. */
    public double share(ErrorKind kind) {
        return wrong == 0 ? 0 : (double) byKind.getOrDefault(kind.label(), 0) / wrong;
    }

    static ErrorMix read(Path results) {
        Map<String, Integer> byKind = new TreeMap<>();
        int wrong = 0;
        try (BufferedReader r = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode n = JSON.readTree(line);
                if (n.path("correct").asBoolean()) {
                    continue;
                }
                wrong++;
                byKind.merge(kindOf(n.path("first_error_reason")), 1, Integer::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + results + ": " + e.getMessage(), e);
        }
        return new ErrorMix(wrong, byKind);
    }

    private static String kindOf(JsonNode reason) {
        if (reason.isMissingNode() || reason.isNull()) {
            return "none";
        }
        ErrorKind kind = ErrorKind.ofReason(reason.asText());
        return kind == null ? "other" : kind.label();
    }
}
