package org.stepdpo.generation;

/** A request to an OpenAI-compatible server failed for good: the URL, the status and what the server said. */
public final class OpenAiException extends RuntimeException {

    private final int status;

    public OpenAiException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The last HTTP status, or 0 when no response came back. */
    public int status() {
        return status;
    }
}
