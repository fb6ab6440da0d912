package org.stepdpo.reports.runs;

/** A sample read back from the database, with its database id. */
public record StoredSample(long id, long runId, SampleRecord sample) {
}
