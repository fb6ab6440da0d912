package org.stepdpo.engine.training.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Records read from a file, and the lines skipped (only with skipping switched on), each as its message.
 */
public record LoadedData<T>(Path file, List<T> records, List<String> skipped) {

    public LoadedData {
        records = List.copyOf(records);
        skipped = List.copyOf(skipped);
    }
}
