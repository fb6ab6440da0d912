package org.stepdpo.engine.training.distributed;

import java.util.List;

/** A collective could not complete because other ranks died or stopped answering. */
public final class RankFailureException extends RuntimeException {

    private final List<Integer> ranks;

    public RankFailureException(String message, List<Integer> ranks, Throwable cause) {
        super(message, cause);
        this.ranks = List.copyOf(ranks);
    }

    /** The ranks that did not answer (empty when every rank answered and the collective still failed). */
    public List<Integer> ranks() {
        return ranks;
    }
}
