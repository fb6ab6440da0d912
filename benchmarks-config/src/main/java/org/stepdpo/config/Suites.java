package org.stepdpo.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The suites: the built-in ones ({@code toy}, {@code smoke}, {@code gsm8k-qwen2}, {@code math-qwen2}) and suite
 * files.
 */
public final class Suites {

    private static final List<String> BUILTIN = List.of("toy", "toy-slips", "smoke", "gsm8k-qwen2", "math-qwen2");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Suites() {
    }

    public static List<String> builtinNames() {
        return BUILTIN;
    }

    /** A built-in suite by name, or a suite file when {@code nameOrFile} is a path to one. */
    public static Suite get(String nameOrFile) {
        return get(nameOrFile, List.of());
    }

    /**
     * The suite with {@code overrides} applied on top, each {@code dotted.key=value} ({@code judge.kind=llm},
     * {@code training.step-dpo.lr=1e-6}, {@code dataset.test_options.limit=50}); an override is checked like a key
     * of the file, and a value replaces the file's.
     */
    public static Suite get(String nameOrFile, List<String> overrides) {
        if (isFile(nameOrFile)) {
            return read(Path.of(nameOrFile), overrides);
        }
        if (!BUILTIN.contains(nameOrFile)) {
            throw new IllegalArgumentException("unknown suite \"" + nameOrFile + "\"; built-in suites: " + BUILTIN
                    + " (or give a suite YAML file)");
        }
        String resource = "/stepdpo/suites/" + nameOrFile + ".yaml";
        try (InputStream in = Suites.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), resource, overrides);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Whether {@code nameOrFile} names a suite file rather than a built-in suite. */
    public static boolean isFile(String nameOrFile) {
        return nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml") || Files.isRegularFile(Path.of(nameOrFile));
    }

    public static Suite read(Path file) {
        return read(file, List.of());
    }

    private static Suite read(Path file, List<String> overrides) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": suite file not found");
        }
        try {
            return parse(Files.readString(file), file.toString(), overrides);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A suite from its YAML text; every error names {@code origin} and, where it can, the line. */
    static Suite parse(String text, String origin) {
        return parse(text, origin, List.of());
    }

    private static Suite parse(String text, String origin, List<String> overrides) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(origin + ": a suite is a YAML mapping");
        }
        for (String override : overrides) {
            apply((ObjectNode) root, override);
        }
        SuiteSchema.check(root, origin, FieldLines.of(YAML.getFactory(), text));
        String name = required(root, "name", origin);
        JsonNode dataset = section(root, "dataset", origin, true);
        Suite.DatasetSpec data = new Suite.DatasetSpec(required(dataset, "adapter", origin + ": dataset"),
                required(dataset, "train", origin + ": dataset"), required(dataset, "test", origin + ": dataset"),
                text(dataset, "test_adapter"), strings(dataset, "train_options", origin), strings(dataset, "test_options", origin));
        JsonNode model = section(root, "model", origin, true);
        Suite.ModelSpec m = new Suite.ModelSpec(text(model, "path"), strings(model, "init", origin),
                strings(model, "tokenizer", origin), strings(model, "sft", origin));
        if (m.path() == null && m.init().isEmpty()) {
            throw new IllegalArgumentException(origin + ": model needs \"path\" (a Hugging Face folder) or \"init\"");
        }
        Map<String, Map<String, String>> training = new LinkedHashMap<>();
        JsonNode t = section(root, "training", origin, false);
        if (t != null) {
            for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
                String objective = it.next();
                training.put(objective, strings(t, objective, origin + ": training"));
            }
        }
        Map<String, Map<String, String>> benchmarks = new LinkedHashMap<>();
        JsonNode b = section(root, "benchmarks", origin, false);
        if (b != null) {
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String bench = it.next();
                Map<String, String> values = strings(b, bench, origin + ": benchmarks");
                for (String key : List.of("adapter", "file")) {
                    if (values.get(key) == null || values.get(key).isBlank()) {
                        throw new IllegalArgumentException(origin + ": benchmarks." + bench + " needs \"" + key + "\"");
                    }
                }
                benchmarks.put(bench, values);
            }
        }
        return new Suite(name, text(root, "description"), data, required(root, "template", origin), m,
                strings(root, "sampling", origin), strings(root, "judge", origin), strings(root, "rectification", origin),
                strings(root, "pairs", origin), Map.copyOf(training), strings(root, "evaluation", origin),
                RegressSpec.parse(root.get("regress"), origin), benchmarks);
    }

    /** Sets {@code dotted.key=value} in {@code root}, after checking it alone against the schema. */
    private static void apply(ObjectNode root, String override) {
        String origin = "--set " + override;
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(origin + ": expected KEY=VALUE, e.g. judge.kind=llm");
        }
        String[] path = override.substring(0, eq).strip().split("\\.");
        String value = override.substring(eq + 1).strip();
        ObjectNode alone = YAML.createObjectNode();
        set(alone, path, value, origin);
        SuiteSchema.check(alone, origin, FieldLines.of(YAML.getFactory(), "")); // no lines: it is not in the file
        set(root, path, value, origin);
    }

    private static void set(ObjectNode root, String[] path, String value, String origin) {
        ObjectNode node = root;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = node.get(path[i]);
            if (child == null || child.isNull()) {
                node = node.putObject(path[i]);
            } else if (child instanceof ObjectNode o) {
                node = o;
            } else {
                throw new IllegalArgumentException(origin + ": \"" + String.join(".", List.of(path).subList(0, i + 1))
                        + "\" is a value, not a section");
            }
        }
        node.put(path[path.length - 1], value);
    }

    private static JsonNode section(JsonNode node, String key, String origin, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(origin + ": \"" + key + "\" is missing");
            }
            return null;
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException(origin + ": \"" + key + "\" must be a mapping");
        }
        return v;
    }

    private static String required(JsonNode node, String key, String origin) {
        String v = text(node, key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(origin + ": \"" + key + "\" is missing");
        }
        return v;
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A flat mapping of scalars as text (numbers keep their written form). */
    private static Map<String, String> strings(JsonNode node, String key, String origin) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException(origin + ": \"" + key + "\" must be a mapping");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw new IllegalArgumentException(origin + ": \"" + key + "." + e.getKey() + "\" must be a scalar");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return Suite.copy(out);
    }
}
