package org.stepdpo.engine.training;

import java.nio.file.Path;
import org.stepdpo.engine.training.validation.BestModel;
import org.stepdpo.engine.training.validation.ValidationPoint;

/** Callbacks of a run, on the training thread: progress bars, reports, early stopping by exception. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    /** Before the first step (after a resume, {@code plan.startStep()} steps are already done). */
    default void onStart(TrainingPlan plan) {
    }

    default void onStep(StepMetrics metrics) {
    }

    default void onCheckpoint(int step, Path directory) {
    }

    /** After a validation of the live model ({@link TrainingConfig#validation()}); {@code best} includes it. */
    default void onValidation(ValidationPoint point, BestModel best) {
    }

    /** A line for the user (data skipped, truncation counts, reference precomputation). */
    default void onMessage(String message) {
    }
}
