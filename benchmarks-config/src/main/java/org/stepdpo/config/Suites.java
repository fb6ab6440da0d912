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
import java.util.List;

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
        Suite suite = SuiteBinder.bind(root, origin, FieldLines.of(YAML.getFactory(), text));
        if (suite.model().path() == null && suite.model().init() == null) {
            throw new IllegalArgumentException(origin + ": model needs \"path\" (a Hugging Face folder) or \"init\"");
        }
        return suite;
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
        SuiteBinder.check(alone, origin); // no lines: it is not in the file
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
}
