package org.stepdpo.judgeeval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a ProcessBench split as published (Qwen/ProcessBench): one JSON array of items with {@code id},
 * {@code generator}, {@code problem}, {@code steps[]}, {@code label} and {@code final_answer_correct}; JSON
 * Lines with the same fields are read too. A bad item stops the read, naming the file, the item and the field.
 */
public final class ProcessBenchFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProcessBenchFile() {
    }

    /** The split's name: the file name without extension, e.g. {@code gsm8k} for {@code processbench/gsm8k.json}. */
    public static String split(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public static List<ProcessBenchItem> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ProcessBench file " + file + ": " + e.getMessage(), e);
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (text.stripLeading().startsWith("[")) {
            parse(file, text, 0).forEach(nodes::add);
        } else {
            String[] lines = text.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    nodes.add(parse(file, lines[i], i + 1));
                }
            }
        }
        List<ProcessBenchItem> items = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            items.add(item(file, i, nodes.get(i)));
        }
        return items;
    }

    private static JsonNode parse(Path file, String text, int line) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + (line > 0 ? ":" + line : "") + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static ProcessBenchItem item(Path file, int position, JsonNode node) {
        String where = file + ": item " + position + (node.hasNonNull("id") ? " (" + node.get("id").asText() + ")" : "");
        JsonNode steps = node.get("steps");
        if (steps == null || !steps.isArray()) {
            throw new IllegalArgumentException(where + ": \"steps\" must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        steps.forEach(s -> texts.add(s.asText()));
        JsonNode label = node.get("label");
        if (label == null || !label.canConvertToInt()) {
            throw new IllegalArgumentException(where + ": \"label\" must be an integer (earliest wrong step, or -1)");
        }
        JsonNode problem = node.get("problem");
        if (problem == null || !problem.isTextual()) {
            throw new IllegalArgumentException(where + ": \"problem\" must be a string");
        }
        try {
            return new ProcessBenchItem(node.hasNonNull("id") ? node.get("id").asText() : "item-" + position,
                    node.path("generator").asText(""), problem.asText(), texts, label.asInt(),
                    node.path("final_answer_correct").asBoolean(label.asInt() == -1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }
}
