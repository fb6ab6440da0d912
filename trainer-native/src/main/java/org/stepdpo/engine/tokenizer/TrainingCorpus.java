package org.stepdpo.engine.tokenizer;

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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the texts a tokenizer is trained on from a plain text or JSONL file. */
public final class TrainingCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingCorpus() {
    }

    /**
     * The texts of {@code file}. A {@code .jsonl} file gives, for each record, the values of {@code fields}
     * (every top-level string field when {@code fields} is empty), each a text of its own; a record may lack a
     * named field, but a named field no record has is an error. Any other file is one text.
     */
    public static List<String> read(Path file, List<String> fields) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no corpus file at " + file);
        }
        try {
            if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
                return List.of(Files.readString(file, StandardCharsets.UTF_8));
            }
            return readJsonl(file, fields);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> readJsonl(Path file, List<String> fields) throws IOException {
        List<String> texts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record;
                try {
                    record = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(file + ":" + number + ": not JSON: " + e.getOriginalMessage(), e);
                }
                if (!record.isObject()) {
                    throw new IllegalArgumentException(file + ":" + number + ": expected a JSON object, got " + record.getNodeType());
                }
                if (fields.isEmpty()) {
                    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) record::fields) {
                        if (field.getValue().isTextual()) {
                            texts.add(field.getValue().asText());
                        }
                    }
                    continue;
                }
                for (String name : fields) {
                    JsonNode value = record.get(name);
                    if (value == null || value.isNull()) {
                        continue;
                    }
                    if (!value.isTextual()) {
                        throw new IllegalArgumentException(file + ":" + number + ": field " + name
                                + " is " + value.getNodeType() + ", expected a string");
                    }
                    seen.add(name);
                    texts.add(value.asText());
                }
            }
        }
        for (String name : fields) {
            if (!seen.contains(name)) {
                throw new IllegalArgumentException(file + ": no record has the string field " + name);
            }
        }
        return texts;
    }
}
