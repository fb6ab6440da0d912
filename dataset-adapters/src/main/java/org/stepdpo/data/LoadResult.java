package org.stepdpo.data;

import java.util.List;

/**
 * What a load produced: the problems, and the records skipped under {@code --skip-invalid}.
 */
public record LoadResult(List<Problem> problems, List<SkippedRecord> skipped) {
    public LoadResult {
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
    }

    /** A record that was skipped, with the same message a strict load would have failed with. */
    public record SkippedRecord(int line, String message) {
    }
}
