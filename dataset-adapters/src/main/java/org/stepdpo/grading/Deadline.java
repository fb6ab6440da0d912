package org.stepdpo.grading;

import java.time.Duration;

/**
 * A point in time after which a comparison gives up. Checked cooperatively by the parser, the
 * evaluator and the structural comparison, so no thread has to be interrupted and the cost of a
 * check is one {@link System#nanoTime()} call.
 */
public final class Deadline {

    private final long endNanos;
    private final long budgetMillis;

    private Deadline(long endNanos, long budgetMillis) {
        this.endNanos = endNanos;
        this.budgetMillis = budgetMillis;
    }

    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget.toMillis());
    }

    /** A deadline that never passes, for callers that bound work otherwise. */
    public static Deadline none() {
        return new Deadline(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** @throws GradingTimeoutException when the deadline has passed */
    public void check() {
        if (endNanos != Long.MAX_VALUE && System.nanoTime() - endNanos > 0) {
            throw new GradingTimeoutException(budgetMillis);
        }
    }

    public long budgetMillis() {
        return budgetMillis;
    }
}
