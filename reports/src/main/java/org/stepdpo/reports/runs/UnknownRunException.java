package org.stepdpo.reports.runs;

/** A run or sample id that is not stored: the REST API answers 404, the CLI names the id. */
public class UnknownRunException extends IllegalArgumentException {

    public UnknownRunException(String message) {
        super(message);
    }

    public static UnknownRunException run(long id) {
        return new UnknownRunException("no run with id " + id);
    }

    public static UnknownRunException sample(long runId, long sampleId) {
        return new UnknownRunException("run " + runId + " has no sample with id " + sampleId);
    }
}
