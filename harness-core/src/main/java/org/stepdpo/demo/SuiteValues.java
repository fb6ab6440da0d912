package org.stepdpo.demo;

import java.util.Map;
import org.stepdpo.config.Suite;

/** Typed reads of a suite section's text values, failing with the suite, section and key named. */
final class SuiteValues {

    private final Suite suite;
    private final String section;
    private final Map<String, String> values;

    SuiteValues(Suite suite, String section, Map<String, String> values) {
        this.suite = suite;
        this.section = section;
        this.values = values == null ? Map.of() : values;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    int integer(String key, int fallback) {
        String v = values.get(key);
        try {
            return v == null ? fallback : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where(key) + " must be an integer, got \"" + v + "\"");
        }
    }

    double number(String key, double fallback) {
        String v = values.get(key);
        try {
            return v == null ? fallback : Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where(key) + " must be a number, got \"" + v + "\"");
        }
    }

    String text(String key, String fallback) {
        String v = values.get(key);
        return v == null ? fallback : v;
    }

    private String where(String key) {
        return "suite " + suite.name() + ": " + section + "." + key;
    }
}
