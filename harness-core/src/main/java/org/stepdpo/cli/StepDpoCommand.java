package org.stepdpo.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code stepdpo} command: every user-facing job is one of its subcommands. */
@TopCommand
@Command(name = "stepdpo", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Step-DPO harness: grade, evaluate, localize first wrong steps, train and report.",
        subcommands = {EvalCommand.class, LeaderboardCommand.class, PipelineCommand.class, JudgeEvalCommand.class,
                org.stepdpo.cli.training.TrainCommand.class, ServeCommand.class, ReportCommand.class,
                org.stepdpo.cli.engine.GenerateCommand.class, org.stepdpo.cli.engine.ModelCommand.class,
                org.stepdpo.cli.engine.TokenizerCommand.class, BenchCommand.class, DemoCommand.class,
                RunCommand.class, RegressCommand.class})
public class StepDpoCommand {
}
