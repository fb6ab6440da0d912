package org.stepdpo.engine.training;

import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InferenceMode;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.training.lora.LoraAdapters;
import org.stepdpo.engine.training.validation.BestModelStore;
import org.stepdpo.engine.training.validation.ValidationPoint;
import org.stepdpo.engine.training.validation.ValidationSchedule;

/**
 * Validates the live model of a run on its schedule and keeps the best weights (see
 * {@link org.stepdpo.engine.training.validation.Validation}). Training state is left as it was: the score runs in
 * inference mode (no autograd graph, no version-counter bumps on the weights), LoRA dropout is switched off for
 * it and back on after, and the decoder's fused q/k/v copy that generation builds is rebuilt after the next
 * optimiser step because the weights' version counters move.
 */
final class LiveValidation {

    private final ValidationSchedule schedule;
    private final BestModelStore store;
    private final TorchLanguageModel live;
    private final TrainingListener listener;

    LiveValidation(ValidationSchedule schedule, BestModelStore store, TorchLanguageModel live, TrainingListener listener) {
        this.schedule = schedule;
        this.store = store;
        this.live = live;
        this.listener = listener;
    }

    /**
     * Validates the weights after {@code step} steps when they are due and not validated yet. After a resume, the
     * steps between the checkpoint and the kill that were validated keep their score and are not measured again:
     * the resumed run recomputes the same weights (same data order, torch re-seeded per step).
     */
    void after(int step, int total, LoraAdapters lora) {
        if (!schedule.due(step, total) || store.has(step)) {
            return;
        }
        ValidationPoint point = new ValidationPoint(step, score(step, lora));
        store.record(point, dir -> save(dir, lora));
        listener.onValidation(point, store.best());
    }

    BestModelStore store() {
        return store;
    }

    private double score(int step, LoraAdapters lora) {
        boolean dropout = lora != null && lora.training();
        if (lora != null) {
            lora.setEnabled(true);
            lora.setTraining(false);
        }
        try (InferenceMode inference = new InferenceMode(); PointerScope scope = new PointerScope()) {
            return schedule.validation().score(live, step);
        } finally {
            if (lora != null) {
                lora.setTraining(dropout);
            }
        }
    }

    /** The live weights as a model folder: as they are, or with the LoRA adapters merged into a copy. */
    private void save(Path dir, LoraAdapters lora) {
        try (PointerScope scope = new PointerScope()) {
            live.saveWithWeights(dir, lora == null ? live.decoder().stateDict() : lora.mergedStateDict());
        }
    }
}
