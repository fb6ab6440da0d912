package org.stepdpo.config.baselines;

import java.util.List;
import java.util.Optional;

/**
 * A suite's committed reference results, written only by {@code stepdpo regress --update-baseline}.
 *
 * @param suite       the suite's name
 * @param seed        the seed of the run that produced it
 * @param suiteSha256 SHA-256 of the suite definition it was measured with, so that a changed suite is noticed
 * @param commit      the project's commit that produced it (informational)
 * @param writtenAt   when it was written, ISO-8601 (informational)
 * @param entries     one per (stage, benchmark)
 */
public record Baseline(String suite, long seed, String suiteSha256, String commit, String writtenAt,
                       List<BaselineEntry> entries) {

    public Baseline {
        entries = List.copyOf(entries);
    }

    public Optional<BaselineEntry> entry(String stage, String benchmark) {
        return entries.stream().filter(e -> e.stage().equals(stage) && e.benchmark().equals(benchmark)).findFirst();
    }
}
