package org.stepdpo.data;

import java.nio.file.Path;

/**
 * A benchmark: how its files become {@link Problem}s and how a completion for it is graded.
 *
 * <p>Adapters are discovered with {@link java.util.ServiceLoader}; adding a benchmark is one class
 * plus its line in {@code META-INF/services/org.stepdpo.data.DatasetAdapter}.
 */
public interface DatasetAdapter {

    /** Short name used on the command line, e.g. {@code gsm8k}. */
    String name();

    /** One line for {@code --help} listings. */
    String description();

    /** Reads a data file; fails with a {@link DatasetException} naming file, line and field. */
    LoadResult load(Path source, LoadOptions options);

    /** Extracts the final answer of a completion and compares it with the problem's reference answer. */
    Grade grade(Problem problem, String completion);
}
