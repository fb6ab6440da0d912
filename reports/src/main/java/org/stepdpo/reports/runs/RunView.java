package org.stepdpo.reports.runs;

import java.time.Instant;

/**
 * A stored run as queries return it.
 *
 * @param summary       the summary metrics, or null unless the run finished
 * @param finishedAt    when the run finished or failed, or null while it runs
 * @param statusMessage why the run failed, or null
 */
public record RunView(
        long id,
        RunKind kind,
        String name,
        String model,
        String benchmark,
        String suite,
        String dataFile,
        String configJson,
        String projectVersion,
        String gitCommit,
        String device,
        String outputDir,
        RunStatus status,
        String statusMessage,
        Instant startedAt,
        Instant finishedAt,
        RunSummary summary) {
}
