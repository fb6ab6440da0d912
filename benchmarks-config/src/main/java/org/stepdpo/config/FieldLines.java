package org.stepdpo.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line on which each field of a JSON or YAML text starts, by JSON Pointer ({@code /entries/0/accuracy}), so
 * that an error found after parsing (an unknown key, a wrong type, an inconsistent value) can still name its line.
 */
public final class FieldLines {

    private static final JsonFactory JSON = new JsonFactory();
    private final Map<String, Integer> lines;

    private FieldLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** The lines of a JSON text that has already parsed; an unparsable text gives no lines. */
    public static FieldLines of(String text) {
        return of(JSON, text);
    }

    /** The lines of a text in the factory's format (e.g. a YAMLFactory); an unparsable text gives no lines. */
    public static FieldLines of(JsonFactory factory, String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = factory.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = p.getParsingContext().pathAsPointer().toString();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    // The new container's context: its own pointer is its parent's current position.
                    pointer = p.getParsingContext().getParent() == null ? ""
                            : p.getParsingContext().getParent().pathAsPointer().toString();
                }
                lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            return new FieldLines(Map.of());
        }
        return new FieldLines(lines);
    }

    /** The line of the field at {@code pointer}, or of its nearest enclosing field; null when unknown. */
    public Integer line(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null || p.isEmpty()) {
                return line;
            }
        }
    }
}
