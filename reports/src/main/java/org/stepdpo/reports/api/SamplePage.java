package org.stepdpo.reports.api;

import java.util.List;

import org.stepdpo.reports.runs.StoredSample;

/** One page of a run's samples that pass {@code filter}; {@code total} counts all that pass it. */
public record SamplePage(long runId, String filter, long total, int offset, int limit, List<StoredSample> items) {
}
