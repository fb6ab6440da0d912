package org.stepdpo.config.baselines;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.stepdpo.config.FieldLines;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes baseline files. A baseline is JSON meant to be read and reviewed in a diff: a header, then
 * per (stage, benchmark) the counts and metrics, then every problem's outcome on its own line
 * ({@code "arith-3_+4_-1" : "+2"}, see {@link ProblemOutcome}). The metrics written beside the outcomes are
 * for people; on reading they must agree with the outcomes, so a hand-edited or damaged file is caught, with
 * the file, field and line named.
 */
public final class BaselineFile {

    /**
     * The format tag; a later incompatible format changes it. Version 2 marks answers the step judge gave no
     * verdict on ({@code +3?}) and so keeps them out of right_through_wrong_step's denominator (docs/METRICS.md);
     * version 1 could not tell them from answers it accepted.
     */
    public static final String FORMAT = "stepdpo-baseline/2";
    private static final String FORMAT_1 = "stepdpo-baseline/1";
    /** Metrics are written with this many decimals and compared with the outcomes within half a unit of it. */
    private static final int DECIMALS = 4;
    private static final double SLACK = 0.5e-4 + 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private BaselineFile() {
    }

    public static Baseline read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BaselineFormatException(file + ": baseline file not found");
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new BaselineFormatException(file + ": cannot read the baseline: " + e.getMessage(), e);
        }
    }

    /** Parses a baseline's text; {@code origin} (a file name) starts every error message. */
    public static Baseline parse(String text, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new BaselineFormatException(origin + (at == null ? "" : ": line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        return new Reader(origin, FieldLines.of(text)).baseline(root);
    }

    /** Writes atomically (a temporary file moved into place), creating the folder. */
    public static void write(Path file, Baseline baseline) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.writeString(tmp, toJson(baseline), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the baseline " + file + ": " + e.getMessage(), e);
        }
    }

    public static String toJson(Baseline b) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("suite", b.suite());
        root.put("seed", b.seed());
        root.put("suite_sha256", b.suiteSha256());
        root.put("commit", b.commit());
        root.put("written_at", b.writtenAt());
        root.put("written_by", "stepdpo regress --update-baseline (never rewritten implicitly)");
        root.put("outcome_format", ProblemOutcome.LEGEND);
        var entries = root.putArray("entries");
        for (BaselineEntry e : b.entries()) {
            ObjectNode n = entries.addObject();
            n.put("stage", e.stage());
            n.put("benchmark", e.benchmark());
            n.put("n", e.n());
            n.put("correct", e.correct());
            for (Metric m : Metric.values()) {
                Double v = e.value(m);
                if (v == null) {
                    n.putNull(m.key());
                } else {
                    n.put(m.key(), BigDecimal.valueOf(v).setScale(DECIMALS, RoundingMode.HALF_EVEN));
                }
            }
            ObjectNode outcomes = n.putObject("outcomes");
            e.outcomes().forEach(o -> outcomes.put(o.id(), o.code()));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Tree-to-record with every error located: file, field path and line. */
    private record Reader(String origin, FieldLines lines) {

        Baseline baseline(JsonNode root) {
            if (!root.isObject()) {
                throw error("", "(top level)", "a baseline is a JSON object");
            }
            String format = text(root, "/format", "format");
            if (FORMAT_1.equals(format)) {
                throw new BaselineFormatException(origin + ": line " + lines.line("/format") + ": field format: \""
                        + FORMAT_1 + "\" does not record which answers the step judge assessed, which "
                        + "right_through_wrong_step now divides by (docs/METRICS.md). Rewrite it with stepdpo regress "
                        + "--update-baseline; or, when the judge assessed every answer (the verifier on answers with "
                        + "at least one step), set the format to \"" + FORMAT + "\": its numbers stay the same");
            }
            if (!FORMAT.equals(format)) {
                throw error("/format", "format", "expected \"" + FORMAT + "\", found \"" + format + "\"");
            }
            JsonNode entries = root.get("entries");
            if (entries == null || !entries.isArray()) {
                throw error("/entries", "entries", "missing, or not a list");
            }
            List<BaselineEntry> list = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                list.add(entry(entries.get(i), "/entries/" + i, "entries[" + i + "]"));
            }
            JsonNode seed = root.get("seed");
            if (seed == null || !seed.canConvertToLong()) {
                throw error("/seed", "seed", "missing, or not an integer");
            }
            return new Baseline(text(root, "/suite", "suite"), seed.asLong(), optional(root, "suite_sha256"),
                    optional(root, "commit"), optional(root, "written_at"), list);
        }

        private BaselineEntry entry(JsonNode node, String pointer, String field) {
            if (!node.isObject()) {
                throw error(pointer, field, "an entry is a JSON object");
            }
            String stage = text(node, pointer + "/stage", field + ".stage");
            String benchmark = text(node, pointer + "/benchmark", field + ".benchmark");
            JsonNode outcomes = node.get("outcomes");
            if (outcomes == null || !outcomes.isObject()) {
                throw error(pointer + "/outcomes", field + ".outcomes", "missing, or not an object of problem id to "
                        + "outcome (" + ProblemOutcome.LEGEND + ")");
            }
            List<ProblemOutcome> list = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = outcomes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> o = it.next();
                String p = pointer + "/outcomes/" + o.getKey().replace("~", "~0").replace("/", "~1");
                if (!o.getValue().isTextual()) {
                    throw error(p, field + ".outcomes[\"" + o.getKey() + "\"]", "not a string");
                }
                try {
                    list.add(ProblemOutcome.parse(o.getKey(), o.getValue().asText()));
                } catch (IllegalArgumentException e) {
                    throw error(p, field + ".outcomes[\"" + o.getKey() + "\"]", e.getMessage());
                }
            }
            BaselineEntry entry = new BaselineEntry(stage, benchmark, list);
            agrees(node, pointer, field, "n", entry.n());
            agrees(node, pointer, field, "correct", entry.correct());
            for (Metric m : Metric.values()) {
                agrees(node, pointer, field, m, entry.value(m));
            }
            return entry;
        }

        private void agrees(JsonNode node, String pointer, String field, String key, int expected) {
            JsonNode v = node.get(key);
            if (v == null || !v.canConvertToInt()) {
                throw error(pointer + "/" + key, field + "." + key, "missing, or not an integer");
            }
            if (v.asInt() != expected) {
                throw error(pointer + "/" + key, field + "." + key, "says " + v.asInt() + " but the outcomes give "
                        + expected);
            }
        }

        private void agrees(JsonNode node, String pointer, String field, Metric m, Double expected) {
            JsonNode v = node.get(m.key());
            String where = field + "." + m.key();
            if (v == null) {
                throw error(pointer + "/" + m.key(), where, "missing");
            }
            if (v.isNull() != (expected == null)) {
                throw error(pointer + "/" + m.key(), where, "is " + v + " but the outcomes give " + expected);
            }
            if (expected == null) {
                return;
            }
            if (!v.isNumber()) {
                throw error(pointer + "/" + m.key(), where, "not a number: " + v);
            }
            if (Math.abs(v.asDouble() - expected) > SLACK) {
                throw error(pointer + "/" + m.key(), where, "says " + v.asDouble() + " but the outcomes give "
                        + BigDecimal.valueOf(expected).setScale(DECIMALS, RoundingMode.HALF_EVEN));
            }
        }

        private String text(JsonNode node, String pointer, String field) {
            JsonNode v = node.get(pointer.substring(pointer.lastIndexOf('/') + 1));
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw error(pointer, field, "missing, or not a non-empty string");
            }
            return v.asText();
        }

        private static String optional(JsonNode node, String key) {
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? null : v.asText();
        }

        private BaselineFormatException error(String pointer, String field, String message) {
            Integer line = lines.line(pointer);
            return new BaselineFormatException(origin + (line == null ? "" : ": line " + line) + ": field " + field
                    + ": " + message + " (a damaged baseline: restore it from version control, or rewrite it with "
                    + "stepdpo regress --update-baseline)");
        }
    }
}
