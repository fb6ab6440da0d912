package org.stepdpo.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.pytorch.Tensor;

/**
 * A Hugging Face model folder: config.json, generation_config.json, model.safetensors (or shards
 * model-0000i-of-0000n.safetensors with model.safetensors.index.json) and the tokenizer files.
 */
public final class HfCheckpoint {

    public static final String CONFIG = "config.json";
    public static final String GENERATION_CONFIG = "generation_config.json";
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";
    /** Tokenizer files that travel with a checkpoint when present. */
    public static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "vocab.json", "merges.txt", "tokenizer.model", "added_tokens.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HfCheckpoint() {
    }

    /** Reads every tensor of the folder onto the CPU in its stored dtype. */
    public static Map<String, Tensor> readTensors(Path dir) {
        Path index = dir.resolve(INDEX);
        Path single = dir.resolve(SINGLE_FILE);
        if (Files.isRegularFile(index)) {
            return readSharded(dir, index);
        }
        if (Files.isRegularFile(single)) {
            return SafetensorsFile.read(single);
        }
        throw new CheckpointException(dir + " holds neither " + SINGLE_FILE + " nor " + INDEX);
    }

    private static Map<String, Tensor> readSharded(Path dir, Path index) {
        JsonNode map;
        try {
            map = JSON.readTree(index.toFile()).path("weight_map");
        } catch (IOException e) {
            throw CheckpointException.unreadableJson(index, e);
        }
        if (!map.isObject() || map.isEmpty()) {
            throw new CheckpointException(index + " has no weight_map");
        }
        Map<String, List<String>> byFile = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new CheckpointException(index + ": weight_map gives tensor \"" + e.getKey() + "\" the shard "
                        + e.getValue() + ", not a file name");
            }
            byFile.computeIfAbsent(e.getValue().asText(), f -> new ArrayList<>()).add(e.getKey());
        }
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> shard : byFile.entrySet()) {
            Path file = dir.resolve(shard.getKey());
            if (!Files.isRegularFile(file)) {
                throw new CheckpointException(index + " names shard " + shard.getKey() + ", which does not exist");
            }
            Map<String, Tensor> tensors = SafetensorsFile.read(file);
            for (String name : shard.getValue()) {
                if (!tensors.containsKey(name)) {
                    throw new CheckpointException(index + " places tensor '" + name + "' in " + shard.getKey()
                            + ", which does not contain it");
                }
            }
            for (Map.Entry<String, Tensor> t : tensors.entrySet()) {
                if (all.put(t.getKey(), t.getValue()) != null) {
                    throw new CheckpointException("tensor '" + t.getKey() + "' appears in more than one shard of " + dir);
                }
            }
        }
        return all;
    }

    /** Reads config.json as a tree (to keep fields the engine does not model when saving again). */
    public static ObjectNode readConfigTree(Path dir) {
        Path file = dir.resolve(CONFIG);
        JsonNode tree = readJson(file);
        if (!(tree instanceof ObjectNode object)) {
            throw new CheckpointException(file + ": must be a JSON object, got " + tree.getNodeType());
        }
        return object;
    }

    /**
     * Writes tensors as one file, or as shards of at most {@code maxShardBytes} each (plus the index) when
     * they do not fit one. Tensors go in name order so that repeated saves produce identical files. Tensors
     * holding NaN or ±Inf are refused before anything in {@code dir} is created or replaced.
     */
    public static void writeTensors(Path dir, Map<String, Tensor> tensors, long maxShardBytes) {
        SafetensorsFile.requireFinite(dir, tensors);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(SINGLE_FILE));
            Files.deleteIfExists(dir.resolve(INDEX));
        } catch (IOException e) {
            throw new CheckpointException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        Map<String, Tensor> sorted = new TreeMap<>(tensors);
        List<Map<String, Tensor>> shards = new ArrayList<>();
        Map<String, Tensor> current = new LinkedHashMap<>();
        long currentBytes = 0;
        long total = 0;
        for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
            long bytes = e.getValue().nbytes();
            if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
                shards.add(current);
                current = new LinkedHashMap<>();
                currentBytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            currentBytes += bytes;
            total += bytes;
        }
        shards.add(current);
        if (shards.size() == 1) {
            SafetensorsFile.writeChecked(dir.resolve(SINGLE_FILE), current, Map.of());
            return;
        }
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        ObjectNode weightMap = index.putObject("weight_map");
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            SafetensorsFile.writeChecked(dir.resolve(name), shards.get(i), Map.of());
            shards.get(i).keySet().forEach(k -> weightMap.put(k, name));
        }
        writeJson(dir.resolve(INDEX), index);
    }

    public static void writeJson(Path file, JsonNode node) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), node);
        } catch (IOException e) {
            throw new CheckpointException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Copies the tokenizer files found in {@code from} into {@code to} (same folder: nothing to do). */
    public static void copyTokenizerFiles(Path from, Path to) {
        if (from == null || from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
            return;
        }
        for (String name : TOKENIZER_FILES) {
            Path source = from.resolve(name);
            if (Files.isRegularFile(source)) {
                try {
                    Files.copy(source, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new CheckpointException("cannot copy " + source + " to " + to + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Reads a JSON file; a missing, unreadable or malformed one fails in one line naming it. */
    public static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw CheckpointException.unreadableJson(file, e);
        }
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
