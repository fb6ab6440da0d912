package org.stepdpo.engine.training.validation;

/**
 * When a run validates: the starting weights (step 0), every {@code every} optimiser steps, and the last step.
 *
 * @param every      steps between validations, at least 1
 * @param validation the score
 */
public record ValidationSchedule(int every, Validation validation) {

    public ValidationSchedule {
        if (every < 1) {
            throw new IllegalArgumentException("validation interval must be at least 1 step, got " + every);
        }
        if (validation == null) {
            throw new IllegalArgumentException("validation schedule needs a validation");
        }
    }

    /** Whether the weights after {@code step} of {@code total} steps are validated. */
    public boolean due(int step, int total) {
        return step == 0 || step % every == 0 || step == total;
    }
}
