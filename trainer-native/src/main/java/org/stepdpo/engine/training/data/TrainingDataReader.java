package org.stepdpo.engine.training.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stepdpo.engine.training.Objective;

/**
 * Reads pairs and SFT JSONL files. A bad record (not JSON, a missing or empty field, chosen identical to
 * rejected) fails with file:line and the field, or, with {@code skipInvalid}, is counted and reported.
 * Blank lines are ignored.
 */
public final class TrainingDataReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PAIR_FIELDS = Set.of("prompt", "initial_reason_steps", "chosen", "rejected",
            "full_chosen", "full_rejected");
    private static final Set<String> SFT_FIELDS = Set.of("prompt", "completion");

    private TrainingDataReader() {
    }

    /** Pairs for {@link Objective#STEP_DPO} (needs chosen / rejected) or {@link Objective#DPO} (full_*). */
    public static LoadedData<PreferencePair> readPairs(Path file, Objective objective, boolean skipInvalid) {
        if (!objective.isPreference()) {
            throw new IllegalArgumentException("objective " + objective + " does not read preference pairs");
        }
        return read(file, skipInvalid, (node, line) -> {
            String prompt = requiredText(file, line, node, "prompt", true);
            String initial = optionalText(file, line, node, "initial_reason_steps");
            String chosen = optionalText(file, line, node, "chosen");
            String rejected = optionalText(file, line, node, "rejected");
            String fullChosen = optionalText(file, line, node, "full_chosen");
            String fullRejected = optionalText(file, line, node, "full_rejected");
            String winField = objective == Objective.STEP_DPO ? "chosen" : "full_chosen";
            String loseField = objective == Objective.STEP_DPO ? "rejected" : "full_rejected";
            String win = requiredText(file, line, node, winField, false);
            String lose = requiredText(file, line, node, loseField, false);
            if (win.equals(lose)) {
                throw new TrainingDataException(file, line, loseField, "is identical to \"" + winField
                        + "\": a pair needs two different answers");
            }
            return new PreferencePair(line, prompt, initial == null ? "" : initial, chosen, rejected, fullChosen,
                    fullRejected, extras(node, PAIR_FIELDS));
        });
    }

    public static LoadedData<SftExample> readSft(Path file, boolean skipInvalid) {
        return read(file, skipInvalid, (node, line) -> new SftExample(line,
                requiredText(file, line, node, "prompt", true), requiredText(file, line, node, "completion", false),
                extras(node, SFT_FIELDS)));
    }

    private interface RecordParser<T> {
        T parse(JsonNode node, int line);
    }

    private static <T> LoadedData<T> read(Path file, boolean skipInvalid, RecordParser<T> parser) {
        List<T> records = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    records.add(parser.parse(parse(file, line, text), line));
                } catch (TrainingDataException e) {
                    if (!skipInvalid) {
                        throw e;
                    }
                    skipped.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training data " + file + ": " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new TrainingDataException(file, 0, null, "holds no usable record"
                    + (skipped.isEmpty() ? "" : " (" + skipped.size() + " skipped; first: " + skipped.get(0) + ")"));
        }
        return new LoadedData<>(file, records, skipped);
    }

    private static JsonNode parse(Path file, int line, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new TrainingDataException(file, line, null, "is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new TrainingDataException(file, line, null, "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String requiredText(Path file, int line, JsonNode node, String field, boolean mayBeBlank) {
        String value = optionalText(file, line, node, field);
        if (value == null) {
            throw new TrainingDataException(file, line, field, "is missing");
        }
        if (!mayBeBlank && value.isBlank()) {
            throw new TrainingDataException(file, line, field, "is empty");
        }
        return value;
    }

    private static String optionalText(Path file, int line, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new TrainingDataException(file, line, field, "must be a string, got " + v.getNodeType());
        }
        return v.asText();
    }

    private static Map<String, JsonNode> extras(JsonNode node, Set<String> known) {
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return extra;
    }
}
