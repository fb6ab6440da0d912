package org.stepdpo.reports.runs;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A stored run as queries return it.
 *
 * @param configJson    the configuration snapshot, a JSON object (written as JSON, not as a string)
 * @param summary       the summary metrics, or null unless the run finished
 * @param finishedAt    when the run finished or failed, or null while it runs
 * @param statusMessage why the run failed, or what a finished run must be read with (a partial evaluation), or null
 * @param deviceFacts   what the run ran on, or null when not recorded
 */
public record RunView(
        long id,
        RunKind kind,
        String name,
        String model,
        String benchmark,
        String suite,
        String dataFile,
        @JsonRawValue String configJson,
        String projectVersion,
        String gitCommit,
        String device,
        String outputDir,
        RunStatus status,
        String statusMessage,
        Instant startedAt,
        Instant finishedAt,
        RunSummary summary,
        DeviceFacts deviceFacts) {

    /** Accuracy of a finished run, or null; null too for runs without samples (training), which have none. */
    public Double accuracy() {
        return summary == null ? null : summary.accuracy();
    }
}
