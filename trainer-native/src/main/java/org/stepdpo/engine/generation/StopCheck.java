package org.stepdpo.engine.generation;

/** Decides after each new token whether a request is done (stop strings live here, outside the token loop). */
@FunctionalInterface
public interface StopCheck {

    StopCheck NEVER = (row, tokens, count) -> false;

    /** @param tokens the request's new tokens; only the first {@code count} are valid */
    boolean shouldStop(int row, int[] tokens, int count);
}
