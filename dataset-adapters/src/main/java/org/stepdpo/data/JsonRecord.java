package org.stepdpo.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One JSON object read from a JSONL file, with typed field access whose failures name the file,
 * the line and the field ({@code data.jsonl:7: field "answer" must be a string, got an object}).
 */
public final class JsonRecord {
    private final Path file;
    private final int line;
    private final int row;
    private final ObjectNode node;

    JsonRecord(Path file, int line, int row, ObjectNode node) {
        this.file = file;
        this.line = line;
        this.row = row;
        this.node = node;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number in the file. */
    public int line() {
        return line;
    }

    /** 0-based position of the record among the file's non-blank lines. */
    public int row() {
        return row;
    }

    /** Field names in file order. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Whether the field is present with a non-null value. */
    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** A string field that must be present and not blank. */
    public String requireString(String field) {
        return optionalString(field).orElseThrow(() -> missing(field));
    }

    /** A string field that must be present; unlike {@link #requireString} it may be empty (model outputs can be). */
    public String requireText(String field) {
        if (!has(field)) {
            throw missing(field);
        }
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw error(field, "must be a string, got " + describe(value));
        }
        return value.textValue();
    }

    /** A string field that may be absent or null; when present it must be a non-blank string. */
    public Optional<String> optionalString(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw error(field, "must be a string, got " + describe(value));
        }
        if (value.textValue().isBlank()) {
            throw error(field, "is blank");
        }
        return Optional.of(value.textValue());
    }

    /**
     * A field that may be written as a JSON number or a string, returned as text. Numbers are written in
     * their shortest plain decimal form: {@code 27.0 -> "27"}, {@code 2.50 -> "2.5"}, {@code 1e3 -> "1000"}.
     * Strings are returned stripped of surrounding white space.
     */
    public String requireNumberOrString(String field) {
        return optionalNumberOrString(field).orElseThrow(() -> missing(field));
    }

    /** Like {@link #requireNumberOrString(String)} for a field that may be absent or null. */
    public Optional<String> optionalNumberOrString(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (value.isNumber()) {
            return Optional.of(plainDecimal(value.decimalValue()));
        }
        if (value.isTextual()) {
            if (value.textValue().isBlank()) {
                throw error(field, "is blank");
            }
            return Optional.of(value.textValue().strip());
        }
        throw error(field, "must be a number or a string, got " + describe(value));
    }

    /** A field that may be absent; when present it must be a non-empty array of strings. */
    public Optional<List<String>> optionalStringList(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw error(field, "must be an array of strings, got " + describe(value));
        }
        if (value.isEmpty()) {
            throw error(field, "is an empty array");
        }
        List<String> out = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw error(field, "element " + i + " must be a string, got " + describe(item));
            }
            out.add(item.textValue());
        }
        return Optional.of(out);
    }

    /** A field that may be absent; when present it must be a whole number. */
    public Optional<Long> optionalInteger(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.longValue());
        }
        if (value.isNumber()) {
            BigDecimal decimal = value.decimalValue();
            if (decimal.stripTrailingZeros().scale() <= 0) {
                try {
                    return Optional.of(decimal.longValueExact());
                } catch (ArithmeticException tooLarge) {
                    throw error(field, "is out of range: " + decimal.toPlainString());
                }
            }
        }
        throw error(field, "must be an integer, got " + describe(value));
    }

    /**
     * A string, number or boolean field as text, for metadata; empty when absent, null, or not a scalar
     * (objects and arrays are not metadata).
     */
    public Optional<String> scalarText(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(plainDecimal(value.decimalValue()));
        }
        return Optional.of(value.asText());
    }

    /** A failure about this record's field, for checks the typed accessors cannot make. */
    public DatasetException error(String field, String problem) {
        return new DatasetException(file, line, field, problem);
    }

    private DatasetException missing(String field) {
        return error(field, "is missing");
    }

    static String plainDecimal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean (" + value.asText() + ")";
            case NUMBER -> "a number (" + value.asText() + ")";
            case STRING -> "a string";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
