package org.stepdpo.engine.training.validation;

/** One validation: the score of the weights after {@code step} optimiser steps (0 = the starting model). */
public record ValidationPoint(int step, double score) {

    public ValidationPoint {
        if (step < 0) {
            throw new IllegalArgumentException("validation step must be >= 0, got " + step);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("validation score must be in [0, 1], got " + score + " at step " + step);
        }
    }

    /** Higher score wins; on a tie the earlier step wins, so training has to help to be kept. */
    public boolean beats(ValidationPoint other) {
        return other == null || score > other.score || (score == other.score && step < other.step);
    }
}
