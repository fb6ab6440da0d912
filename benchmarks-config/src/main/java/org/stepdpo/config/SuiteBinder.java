package org.stepdpo.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stepdpo.config.suite.Bound;
import org.stepdpo.config.suite.Range;
import org.stepdpo.config.suite.Required;

/**
 * Binds a suite's YAML tree to {@link Suite} and its section records. The records are the schema: a key is a
 * component ({@link SuiteKeys#key}), its type is the component's type, its range its {@link Bound}, and an absent
 * key takes the value of the record's {@code DEFAULTS}. So a misspelled key ({@code max_token}, {@code step_dpo}), a
 * value of the wrong type or one out of its range ({@code beta: 0}) fails when the suite is read, naming the
 * file, the line, the key and the nearest known key, instead of being silently ignored or failing after the first
 * stages have run.
 */
final class SuiteBinder {

    private final String origin;
    private final FieldLines lines;
    private final boolean checkOnly;

    private SuiteBinder(String origin, FieldLines lines, boolean checkOnly) {
        this.origin = origin;
        this.lines = lines;
        this.checkOnly = checkOnly;
    }

    /** The suite of {@code root}; every error names {@code origin} and, from {@code lines}, the line. */
    static Suite bind(JsonNode root, String origin, FieldLines lines) {
        return (Suite) new SuiteBinder(origin, lines, false).record(root, Suite.class, "");
    }

    /** Checks keys, types and ranges of a partial tree (a {@code --set} override) without binding it. */
    static void check(JsonNode partial, String origin) {
        new SuiteBinder(origin, FieldLines.of(""), true).record(partial, Suite.class, "");
    }

    /** @param at where the node is in the file ({@code training.step-dpo}), empty at the top */
    private Object record(JsonNode node, Class<?> type, String at) {
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            byKey.put(SuiteKeys.key(c), c);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!byKey.containsKey(key)) {
                throw new IllegalArgumentException(where(join(at, key)) + "unknown key \"" + join(at, key) + "\""
                        + Suggestions.didYouMean(key, byKey.keySet()) + "; known in "
                        + (at.isEmpty() ? "a suite" : at) + ": " + byKey.keySet());
            }
        }
        Object defaults = defaultsOf(type);
        Object[] args = new Object[byKey.size()];
        int i = 0;
        for (Map.Entry<String, RecordComponent> e : byKey.entrySet()) {
            RecordComponent c = e.getValue();
            String full = join(at, e.getKey());
            JsonNode v = node.get(e.getKey());
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank() && c.getType() == String.class)) {
                if (c.isAnnotationPresent(Required.class) && !checkOnly) {
                    throw new IllegalArgumentException(where(at) + "\"" + full + "\" is missing");
                }
                args[i++] = read(defaults, c);
            } else {
                args[i++] = value(v, c.getGenericType(), c.getAnnotation(Bound.class), full);
            }
        }
        if (checkOnly) {
            return null;
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    java.util.Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                            .toArray(Class<?>[]::new));
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw new IllegalArgumentException(where(at) + bad.getMessage(), bad);
            }
            throw new IllegalStateException("cannot make " + type.getSimpleName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + type.getSimpleName(), e);
        }
    }

    private Object value(JsonNode v, Type type, Bound bound, String full) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == RegressSpec.class) {
            return RegressSpec.parse(v, origin);
        }
        if (raw.isRecord() || Map.class.isAssignableFrom(raw)) {
            if (!v.isObject()) {
                throw new IllegalArgumentException(where(full) + "\"" + full + "\" must be a mapping");
            }
            if (raw.isRecord()) {
                return record(v, raw, full);
            }
            Class<?> valueType = (Class<?>) ((ParameterizedType) type).getActualTypeArguments()[1];
            Map<String, Object> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = full + "." + e.getKey();
                if (valueType == String.class) { // options an adapter checks itself: any key, scalar values
                    if (!e.getValue().isValueNode()) {
                        throw new IllegalArgumentException(where(at) + "\"" + at + "\" must be a single value");
                    }
                    out.put(e.getKey(), e.getValue().asText());
                } else {
                    out.put(e.getKey(), value(e.getValue(), valueType, null, at));
                }
            }
            return out;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(where(full) + "\"" + full + "\" must be a single value");
        }
        String text = v.asText().strip();
        if (raw == String.class) {
            return v.asText();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(where(full) + "\"" + full + "\" must be true or false, got \""
                        + v.asText() + "\"");
            }
            return Boolean.parseBoolean(text);
        }
        boolean integral = raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class;
        double number;
        try {
            number = integral ? Long.parseLong(text) : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where(full) + "\"" + full + "\" must be "
                    + (integral ? "an integer" : "a number") + ", got \"" + v.asText() + "\"");
        }
        Range range = bound == null ? Range.ANY : bound.value();
        boolean fitsInt = !(raw == int.class || raw == Integer.class) || Math.abs(number) <= Integer.MAX_VALUE;
        if (!Double.isFinite(number) || !range.holds(number) || !fitsInt) {
            throw new IllegalArgumentException(where(full) + "\"" + full + "\" must be " + range.words()
                    + (fitsInt ? "" : " and fit in 32 bits") + ", got " + v.asText());
        }
        if (raw == int.class || raw == Integer.class) {
            return (int) number;
        }
        if (raw == long.class || raw == Long.class) {
            return (long) number;
        }
        return number;
    }

    private static Object defaultsOf(Class<?> type) {
        try {
            return type.getField("DEFAULTS").get(null);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + " has no public static DEFAULTS", e);
        }
    }

    private static Object read(Object record, RecordComponent c) {
        if (record == null) {
            return null;
        }
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c, e);
        }
    }

    private static String join(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }

    private String where(String dotted) {
        Integer line = lines.line("/" + dotted.replace(".", "/"));
        return origin + (line == null ? "" : ":" + line) + ": ";
    }
}
