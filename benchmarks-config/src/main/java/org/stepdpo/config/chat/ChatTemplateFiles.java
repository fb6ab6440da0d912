package org.stepdpo.config.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a model folder's chat template where transformers finds it: {@code chat_template.jinja} (written by
 * newer transformers versions) first, else the {@code chat_template} entry of {@code tokenizer_config.json} (a
 * string, or a list of named templates of which "default" is the one for plain chat). The BOS and EOS tokens come
 * from {@code tokenizer_config.json}: a string, or an object with its text under {@code content}.
 */
final class ChatTemplateFiles {

    static final String JINJA_FILE = "chat_template.jinja";
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatTemplateFiles() {
    }

    static ChatTemplate load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ChatTemplateException("model folder " + folder + " does not exist (needed for its chat template)");
        }
        Path configFile = folder.resolve(TOKENIZER_CONFIG);
        JsonNode config = Files.isRegularFile(configFile) ? readJson(configFile) : JSON.createObjectNode();
        String bos = token(config, "bos_token");
        String eos = token(config, "eos_token");
        Path jinja = folder.resolve(JINJA_FILE);
        if (Files.isRegularFile(jinja)) {
            return ChatTemplate.of(jinja.toString(), readText(jinja), bos, eos);
        }
        String text = fromConfig(config.get("chat_template"), configFile);
        if (text == null) {
            throw new ChatTemplateException("model folder " + folder + " has no chat template (no " + JINJA_FILE
                    + ", no \"chat_template\" in " + TOKENIZER_CONFIG + ")");
        }
        return ChatTemplate.of(configFile.toString(), text, bos, eos);
    }

    private static String fromConfig(JsonNode node, Path configFile) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            for (JsonNode named : node) {
                if ("default".equals(named.path("name").asText()) && named.path("template").isTextual()) {
                    return named.get("template").asText();
                }
            }
            throw new ChatTemplateException(configFile + ": \"chat_template\" lists named templates but none named "
                    + "\"default\"");
        }
        throw new ChatTemplateException(configFile + ": \"chat_template\" is neither text nor a list of named templates");
    }

    /** A special token's text: {@code "<s>"} or {@code {"content": "<s>", ...}}; null when not set. */
    private static String token(JsonNode config, String field) {
        JsonNode t = config.get(field);
        if (t == null || t.isNull()) {
            return null;
        }
        return t.isObject() ? t.path("content").asText(null) : t.asText();
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ChatTemplateException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ChatTemplateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
