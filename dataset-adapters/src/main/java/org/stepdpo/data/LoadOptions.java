package org.stepdpo.data;

import java.util.Map;

/**
 * How to read a data file.
 *
 * @param skipInvalid skip malformed records (counted and reported in {@link LoadResult}) instead of failing
 * @param fields      adapter-specific options, e.g. {@code question=problem}, {@code answer=target}
 *                    for the generic {@code jsonl} adapter
 */
public record LoadOptions(boolean skipInvalid, Map<String, String> fields) {
    public LoadOptions {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static LoadOptions strict() {
        return new LoadOptions(false, Map.of());
    }

    public String field(String key, String defaultValue) {
        return fields.getOrDefault(key, defaultValue);
    }
}
