package org.stepdpo.progress;

import java.io.PrintStream;
import java.nio.file.Path;
import org.stepdpo.engine.training.StepMetrics;
import org.stepdpo.engine.training.TrainingListener;
import org.stepdpo.engine.training.TrainingPlan;
import org.stepdpo.engine.training.validation.BestModel;
import org.stepdpo.engine.training.validation.ValidationPoint;

/**
 * How every training shows its progress ({@code train}, the demo's SFT and preference trainings, the data-efficiency
 * study): a progress bar with rate and ETA, a loss line every few seconds when the output is not a terminal (a log
 * file) and at the last step, checkpoints in logs, validation results, messages; each line starts with the
 * training's name.
 */
public final class TrainingProgress {

    private static final long LINE_EVERY_MS = 10_000;

    private final PrintStream log;

    public TrainingProgress(PrintStream log) {
        this.log = log;
    }

    /** The listener of one training, its lines starting with {@code name} (e.g. "sft", "step-dpo"). */
    public Listener named(String name) {
        return new Listener(name);
    }

    /** One training's listener; closing it ends its progress bar (also when the training failed). */
    public final class Listener implements TrainingListener, AutoCloseable {
        private final String name;
        private ProgressBar bar;
        private long lastLine;

        Listener(String name) {
            this.name = name;
        }

        @Override
        public void onStart(TrainingPlan plan) {
            log.printf("%s: %d examples, %d steps (%d warm-up), %,d trainable parameters%s%n", name, plan.examples(),
                    plan.totalSteps(), plan.warmupSteps(), plan.trainableParameters(),
                    plan.startStep() > 0 ? ", resuming after step " + plan.startStep() : "");
            bar = new ProgressBar(name, plan.totalSteps() - plan.startStep(), "steps");
        }

        @Override
        public void onStep(StepMetrics m) {
            bar.step();
            long now = System.currentTimeMillis();
            if (System.console() == null && now - lastLine >= LINE_EVERY_MS || m.step() == m.totalSteps()) {
                lastLine = now;
                log.printf("%s step %d/%d loss %.4f%s lr %.3g grad %.3f %.0f tok/s%n", name, m.step(), m.totalSteps(),
                        m.loss(), m.rewardAccuracy() == null ? "" : String.format(" reward acc %.2f margin %.3f",
                                m.rewardAccuracy(), m.rewardMargin()), m.lr(), m.gradNorm(), m.tokensPerSecond());
            }
            if (m.step() == m.totalSteps()) {
                close();
            }
        }

        @Override
        public void onCheckpoint(int step, Path directory) {
            if (System.console() == null) {
                log.printf("%s: checkpoint %s%n", name, directory);
            }
        }

        @Override
        public void onValidation(ValidationPoint point, BestModel best) {
            log.printf("%s validation after step %d: %.1f%% (best %.1f%%, step %d)%n", name, point.step(),
                    100 * point.score(), 100 * best.score(), best.step());
        }

        @Override
        public void onMessage(String message) {
            log.println(name + ": " + message);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
