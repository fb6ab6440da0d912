package org.stepdpo.config.suite;

/** Where a suite's number must lie; a value outside fails when the suite is read, not after hours of stages. */
public enum Range {
    ANY("any value"),
    POSITIVE("greater than 0"),
    NON_NEGATIVE("0 or more"),
    FRACTION("between 0 and 1"),
    SHARE("greater than 0 and at most 1"),
    DROPOUT("0 or more and below 1");

    private final String words;

    Range(String words) {
        this.words = words;
    }

    /** How an error message says the range, e.g. "greater than 0". */
    public String words() {
        return words;
    }

    public boolean holds(double v) {
        return switch (this) {
            case ANY -> true;
            case POSITIVE -> v > 0;
            case NON_NEGATIVE -> v >= 0;
            case FRACTION -> v >= 0 && v <= 1;
            case SHARE -> v > 0 && v <= 1;
            case DROPOUT -> v >= 0 && v < 1;
        };
    }
}
