package org.stepdpo.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import org.stepdpo.engine.training.StepMetrics;
import org.stepdpo.engine.training.TrainingListener;
import org.stepdpo.engine.training.TrainingPlan;
import org.stepdpo.engine.training.validation.BestModel;
import org.stepdpo.engine.training.validation.ValidationPoint;
import org.stepdpo.progress.ProgressBar;

/** Training progress for the demo: a progress bar with rate and ETA, and a loss line every few seconds. */
public final class TrainingProgress {

    private final PrintStream log;

    public TrainingProgress(PrintStream log) {
        this.log = log;
    }

    TrainingListener named(String name) {
        return new Listener(name);
    }

    private final class Listener implements TrainingListener {
        private final String name;
        private ProgressBar bar;
        private long lastLine;

        Listener(String name) {
            this.name = name;
        }

        @Override
        public void onStart(TrainingPlan plan) {
            log.printf("%s: %d examples, %d steps (%d warm-up), %,d parameters%s%n", name, plan.examples(),
                    plan.totalSteps(), plan.warmupSteps(), plan.trainableParameters(),
                    plan.startStep() > 0 ? ", resuming after step " + plan.startStep() : "");
            bar = new ProgressBar(name, plan.totalSteps() - plan.startStep(), "steps");
        }

        @Override
        public void onStep(StepMetrics m) {
            bar.step();
            long now = System.currentTimeMillis();
            if (System.console() == null && now - lastLine >= 15_000 || m.step() == m.totalSteps()) {
                lastLine = now;
                log.printf("%s step %d/%d loss %.4f%s lr %.3g%n", name, m.step(), m.totalSteps(), m.loss(),
                        m.rewardAccuracy() == null ? "" : String.format(" reward acc %.2f margin %.3f",
                                m.rewardAccuracy(), m.rewardMargin()), m.lr());
            }
            if (m.step() == m.totalSteps()) {
                bar.close();
            }
        }

        @Override
        public void onCheckpoint(int step, Path directory) {
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
    }
}
