package org.stepdpo.demo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stepdpo.config.Suite;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.pipeline.DatasetSelection;

/**
 * One of a suite's extra benchmarks ({@code benchmarks.NAME}): a data file read by an adapter, on which every
 * model is evaluated greedily beside the suite's own test split, into {@code eval-MODEL-NAME/}.
 *
 * @param selection the file, and {@code limit} (the first N problems) when the entry has one
 * @param maxTokens longest answer ({@code max_tokens}, default the suite's {@code evaluation.max_tokens})
 */
record Benchmark(String name, DatasetAdapter adapter, DatasetSelection selection, int maxTokens) {

    /** The suite's extra benchmarks by name, in file order; an unknown adapter or a missing file fails here. */
    static Map<String, Benchmark> of(Suite suite, int defaultMaxTokens) {
        Map<String, Benchmark> out = new LinkedHashMap<>();
        suite.benchmarks().forEach((name, values) -> {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("suite " + suite.name() + ": benchmark name \"" + name
                        + "\" may only have letters, digits, '.', '_' and '-' (it names a folder)");
            }
            DatasetAdapter adapter = DatasetAdapters.byName(values.adapter());
            Path file = Path.of(values.file());
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new IllegalArgumentException("suite " + suite.name() + ": benchmarks." + name + ".file " + file
                        + " does not exist");
            }
            Map<String, String> options = values.limit() > 0 ? Map.of("limit", Integer.toString(values.limit()))
                    : Map.of();
            out.put(name, new Benchmark(name, adapter, new DatasetSelection(adapter.name(), file.toString(), options),
                    values.maxTokens() != null ? values.maxTokens() : defaultMaxTokens));
        });
        return out;
    }

    /** Where {@code model}'s evaluation on this benchmark is written. */
    Path folder(Path runFolder, String model) {
        return runFolder.resolve("eval-" + model + "-" + name);
    }
}
