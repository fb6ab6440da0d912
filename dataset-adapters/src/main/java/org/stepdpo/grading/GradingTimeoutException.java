package org.stepdpo.grading;

/** Thrown when a comparison runs past its {@link Deadline}; the grader turns it into a "timeout" verdict. */
public final class GradingTimeoutException extends RuntimeException {

    private final long budgetMillis;

    public GradingTimeoutException(long budgetMillis) {
        super("timeout after " + budgetMillis + " ms", null, false, false);
        this.budgetMillis = budgetMillis;
    }

    public long budgetMillis() {
        return budgetMillis;
    }
}
