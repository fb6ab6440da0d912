package org.stepdpo.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The registry of prompt templates: the built-in ones, plus any a user adds from a YAML file. */
public final class PromptTemplates {

    private static final String BUILTIN = "/stepdpo/prompt-templates.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, PromptTemplate> templates;

    private PromptTemplates(Map<String, PromptTemplate> templates) {
        this.templates = Map.copyOf(templates);
    }

    public static PromptTemplates builtin() {
        try (InputStream in = PromptTemplates.class.getResourceAsStream(BUILTIN)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BUILTIN);
            }
            return new PromptTemplates(parse(YAML.readTree(in), BUILTIN));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILTIN, e);
        }
    }

    /** The built-in templates plus those of {@code file}; a template of the file replaces a built-in one. */
    public PromptTemplates with(Path file) {
        Map<String, PromptTemplate> merged = new LinkedHashMap<>(templates);
        try {
            merged.putAll(parse(YAML.readTree(Files.newBufferedReader(file)), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt templates " + file + ": " + e.getMessage(), e);
        }
        return new PromptTemplates(merged);
    }

    public PromptTemplate get(String name) {
        PromptTemplate t = templates.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown prompt template \"" + name + "\"; known: " + names());
        }
        return t;
    }

    public List<String> names() {
        return templates.keySet().stream().sorted().toList();
    }

    private static Map<String, PromptTemplate> parse(JsonNode root, String origin) {
        JsonNode list = root == null ? null : root.get("templates");
        if (list == null || !list.isObject()) {
            throw new IllegalArgumentException(origin + ": expected a top-level \"templates:\" mapping");
        }
        Map<String, PromptTemplate> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode t = e.getValue();
            String prompt = text(t, "prompt");
            if (prompt == null) {
                throw new IllegalArgumentException(origin + ": template " + e.getKey() + " has no \"prompt\"");
            }
            try {
                out.put(e.getKey(), new PromptTemplate(e.getKey(), text(t, "description"), prompt,
                        text(t, "response_prefix")));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(origin + ": " + bad.getMessage(), bad);
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
