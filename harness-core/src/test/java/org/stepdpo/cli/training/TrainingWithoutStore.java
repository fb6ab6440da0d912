package org.stepdpo.cli.training;

import org.stepdpo.engine.training.Trainer;
import org.stepdpo.engine.training.TrainingListener;
import picocli.CommandLine;

/**
 * Runs {@code stepdpo train} with the given arguments (without "train") as a plain program: the same configuration
 * and data as the command, the trainer writing checkpoints and metrics into --out, nothing stored. Tests run it in a
 * JVM of its own (libtorch loads once per JVM and class loader) to leave a run folder for a later launch to resume.
 */
public final class TrainingWithoutStore {

    private TrainingWithoutStore() {
    }

    public static void main(String[] args) {
        TrainCommand command = CommandLine.populateCommand(new TrainCommand(), args);
        Trainer.run(command.config(), command.records(command.promptTemplate()), command.out, TrainingListener.NONE);
    }
}
