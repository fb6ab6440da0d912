package org.stepdpo.config.baselines;

/**
 * A baseline file that cannot be used: missing, not JSON, or with a field that is absent, mistyped or
 * inconsistent with the per-problem outcomes. The message names the file, the field and, where known, the line.
 */
public class BaselineFormatException extends IllegalArgumentException {

    public BaselineFormatException(String message) {
        super(message);
    }

    public BaselineFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
