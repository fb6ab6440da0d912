package org.stepdpo.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.stepdpo.config.suite.Key;

/**
 * The names of suite settings: a record component's key in a suite file ({@code maxTokens} is
 * {@code max_tokens}, unless {@link Key} says otherwise), and a section as JSON under those same keys, which is
 * how run records, fingerprints and cache keys write suite settings (defaults included, so a changed default
 * changes them too).
 */
public final class SuiteKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private SuiteKeys() {
    }

    /** The key of a component in a suite file. */
    public static String key(RecordComponent c) {
        Key explicit = c.getAnnotation(Key.class);
        if (explicit != null) {
            return explicit.value();
        }
        return SNAKE_CASE.translate(c.getName());
    }

    /** A section (or any value of one) as JSON with the suite's keys; null stays null. */
    public static JsonNode tree(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof RegressSpec || !value.getClass().isRecord()) {
            if (value instanceof Map<?, ?> map) {
                ObjectNode n = JSON.createObjectNode();
                map.forEach((k, v) -> n.set(String.valueOf(k), tree(v)));
                return n;
            }
            return JSON.valueToTree(value);
        }
        ObjectNode n = JSON.createObjectNode();
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            try {
                n.set(key(c), tree(c.getAccessor().invoke(value)));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c, e);
            }
        }
        return n;
    }
}
