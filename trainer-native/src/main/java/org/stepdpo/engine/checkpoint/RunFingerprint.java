package org.stepdpo.engine.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * The settings that produced a result, as canonical JSON (object keys sorted): its SHA-256 names or checks a result
 * (the demo's cached SFT model, a regress baseline's suite), and a field-by-field difference says why a folder
 * refuses to be resumed with other settings (a trainer checkpoint, a pipeline's run.json). One implementation for
 * all of them, so "the same settings" means the same thing everywhere.
 */
public final class RunFingerprint {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private RunFingerprint() {
    }

    /** Hex SHA-256 of the canonical JSON of {@code settings}. */
    public static String sha256(JsonNode settings) {
        try {
            byte[] bytes = CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(settings, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("settings cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What differs between two settings objects, one entry per field ({@code "beta was 0.4, now 0.5"}), fields of
     * either side, nested objects by dotted name; numbers compare by value (an int 5 equals a long 5 or 5.0), and a
     * field one side lacks reads "absent". Empty when they are the same.
     */
    public static List<String> differences(JsonNode before, JsonNode now) {
        List<String> out = new ArrayList<>();
        collect("", before, now, out);
        return out;
    }

    private static void collect(String prefix, JsonNode before, JsonNode now, List<String> out) {
        TreeSet<String> fields = new TreeSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        now.fieldNames().forEachRemaining(fields::add);
        for (String f : fields) {
            JsonNode a = before.get(f);
            JsonNode b = now.get(f);
            String name = prefix + f;
            if (a != null && b != null && a.isObject() && b.isObject()) {
                collect(name + ".", a, b, out);
            } else if (!same(a, b)) {
                out.add(name + " was " + text(a) + ", now " + text(b));
            }
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String text(JsonNode n) {
        return n == null ? "absent" : n.toString();
    }
}
