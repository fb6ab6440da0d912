package org.stepdpo.cli;

import picocli.CommandLine.Command;

/** {@code stepdpo bench ...}: benchmarks that print numbers (never timed tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print numbers.",
        subcommands = {BenchGradingCommand.class, org.stepdpo.cli.engine.BenchEngineCommand.class,
                org.stepdpo.cli.training.BenchTrainCommand.class})
public class BenchCommand {
}
