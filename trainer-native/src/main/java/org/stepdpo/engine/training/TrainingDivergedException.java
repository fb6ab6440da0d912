package org.stepdpo.engine.training;

/** The loss, the gradient norm or the weights became NaN or infinite: the run stops, its last good checkpoint stays. */
public class TrainingDivergedException extends IllegalStateException {

    private final int step;

    public TrainingDivergedException(int step, String message) {
        super(message);
        this.step = step;
    }

    /** The 1-based optimiser step that diverged. */
    public int step() {
        return step;
    }
}
