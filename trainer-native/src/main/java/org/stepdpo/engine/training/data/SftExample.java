package org.stepdpo.engine.training.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One line of an SFT file: {@code prompt} (rendered with a {@link PromptFormat}) and {@code completion}. */
public record SftExample(int line, String prompt, String completion, Map<String, JsonNode> extra) {

    public SftExample {
        extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }
}
