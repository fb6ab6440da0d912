package org.stepdpo.pipeline;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which problems a pipeline works on.
 *
 * @param adapter dataset adapter name, e.g. {@code arith}
 * @param source  data file, or the adapter's built-in source such as {@code train}
 * @param options adapter options such as {@code n=500}, {@code seed=3}
 */
public record DatasetSelection(String adapter, String source, Map<String, String> options) {
    public DatasetSelection {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(source, "source");
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }
}
