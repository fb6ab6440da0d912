package org.stepdpo.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of config.json's fields. Jackson's lenient accessors would read {@code "hidden_size": "128"}
 * as 128 and {@code "rope_scaling": "banana"} as "no scaling", so a damaged config would load as some other
 * model; here each field must have the JSON type transformers writes, and a failure names the field. An
 * absent field and an explicit null both mean "not given".
 */
final class ConfigFields {

    private final JsonNode config;
    private final String prefix;

    ConfigFields(JsonNode config) {
        this(config, "");
    }

    /** The fields of a nested object, named in messages with {@code prefix} ("rope_scaling."). */
    ConfigFields(JsonNode config, String prefix) {
        if (config == null || !config.isObject()) {
            throw invalid("config.json must be a JSON object, got " + (config == null ? "nothing" : config.getNodeType()));
        }
        this.config = config;
        this.prefix = prefix;
    }

    private String name(String field) {
        return prefix + field;
    }

    private JsonNode given(String field) {
        JsonNode v = config.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /** A positive integer that must be present (a model size). */
    int positive(String field) {
        if (given(field) == null) {
            throw invalid("config.json lacks '" + name(field) + "'");
        }
        return positive(field, 0);
    }

    /** A positive integer, or {@code fallback} when not given. */
    int positive(String field, int fallback) {
        JsonNode v = given(field);
        if (v == null) {
            return fallback;
        }
        int value = integer(field, v);
        if (value <= 0) {
            throw invalid("'" + name(field) + "' must be positive, got " + value);
        }
        return value;
    }

    /** Any integer (a token id), or {@code fallback} when not given. */
    int integer(String field, int fallback) {
        JsonNode v = given(field);
        return v == null ? fallback : integer(field, v);
    }

    /** An integer or a list of integers (eos_token_id may be either); empty when not given. */
    List<Integer> integers(String field) {
        JsonNode v = given(field);
        List<Integer> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(e -> out.add(integer(field, e)));
        } else if (v != null) {
            out.add(integer(field, v));
        }
        return out;
    }

    private int integer(String field, JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw invalid("'" + name(field) + "' must be an integer, got " + v);
        }
        return v.asInt();
    }

    /** A number (JSON's 1e-06 and 1000000.0 alike), or {@code fallback} when not given. */
    double number(String field, double fallback) {
        JsonNode v = given(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw invalid("'" + name(field) + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    /** A number that must be present. */
    double requiredNumber(String field) {
        if (given(field) == null) {
            throw invalid("config.json lacks '" + name(field) + "'");
        }
        return number(field, Double.NaN);
    }

    boolean flag(String field, boolean fallback) {
        JsonNode v = given(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw invalid("'" + name(field) + "' must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    /** A string; {@code fallback} when not given, which must then not be null. */
    String text(String field, String fallback) {
        JsonNode v = given(field);
        if (v == null) {
            if (fallback == null) {
                throw invalid("config.json lacks '" + name(field) + "'");
            }
            return fallback;
        }
        if (!v.isTextual()) {
            throw invalid("'" + name(field) + "' must be a string, got " + v);
        }
        return v.asText();
    }

    /** An object, or null when not given. */
    JsonNode object(String field) {
        JsonNode v = given(field);
        if (v != null && !v.isObject()) {
            throw invalid("'" + name(field) + "' must be null or an object, got " + v);
        }
        return v;
    }

    static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("invalid model config: " + message);
    }
}
