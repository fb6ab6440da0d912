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
import org.stepdpo.config.chat.ChatTemplateException;

/**
 * The registry of prompt templates: the built-in ones, plus any a user adds from a YAML file. A template is
 * either text with a {@code {question}} placeholder, or of kind {@code chat} ({@link ChatPrompt}): rendered by the
 * model's own chat template, so it needs the model's folder ({@link #get(String, Path)}).
 */
public final class PromptTemplates {

    private static final String BUILTIN = "/stepdpo/prompt-templates.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Object> templates; // PromptTemplate or ChatPrompt

    private PromptTemplates(Map<String, Object> templates) {
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
        Map<String, Object> merged = new LinkedHashMap<>(templates);
        try {
            merged.putAll(parse(YAML.readTree(Files.newBufferedReader(file)), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt templates " + file + ": " + e.getMessage(), e);
        }
        return new PromptTemplates(merged);
    }

    /**
     * A text template.
     *
     * @throws IllegalArgumentException for an unknown name, and for a chat template (it needs the model folder)
     */
    public PromptTemplate get(String name) {
        return get(name, null);
    }

    /**
     * The template {@code name}; one of kind chat rendered by the chat template of {@code modelFolder}.
     *
     * @param modelFolder the model's Hugging Face folder, or null where none is known
     * @throws IllegalArgumentException for an unknown name, and for a chat template without a model folder or
     *                                  whose folder has no usable chat template (one line naming the folder)
     */
    public PromptTemplate get(String name, Path modelFolder) {
        Object t = templates.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown prompt template \"" + name + "\"; known: " + names());
        }
        if (t instanceof ChatPrompt chat) {
            if (modelFolder == null) {
                throw new ChatTemplateException("prompt template \"" + name + "\" is the model's own chat template "
                        + "and needs the model's folder, which is not known here");
            }
            return chat.render(modelFolder);
        }
        return (PromptTemplate) t;
    }

    /** Whether {@code name} is a template of kind chat (rendered from a model folder). */
    public boolean isChat(String name) {
        return templates.get(name) instanceof ChatPrompt;
    }

    public List<String> names() {
        return templates.keySet().stream().sorted().toList();
    }

    private static Map<String, Object> parse(JsonNode root, String origin) {
        JsonNode list = root == null ? null : root.get("templates");
        if (list == null || !list.isObject()) {
            throw new IllegalArgumentException(origin + ": expected a top-level \"templates:\" mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                out.put(e.getKey(), template(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(origin + ": " + bad.getMessage(), bad);
            }
        }
        return out;
    }

    private static Object template(String name, JsonNode t) {
        String kind = text(t, "kind");
        if ("chat".equals(kind)) {
            if (t.has("prompt")) {
                throw new IllegalArgumentException("template " + name + " is of kind chat: the model's chat template "
                        + "makes the prompt, so it takes system and user, not prompt");
            }
            return new ChatPrompt(name, text(t, "description"), text(t, "system"), text(t, "user"),
                    text(t, "response_prefix"));
        }
        if (kind != null && !kind.equals("text")) {
            throw new IllegalArgumentException("template " + name + ": unknown kind \"" + kind + "\" (text or chat)");
        }
        String prompt = text(t, "prompt");
        if (prompt == null) {
            throw new IllegalArgumentException("template " + name + " has no \"prompt\"");
        }
        return new PromptTemplate(name, text(t, "description"), prompt, text(t, "response_prefix"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
