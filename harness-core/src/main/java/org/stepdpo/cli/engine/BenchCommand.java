package org.stepdpo.cli.engine;

import picocli.CommandLine.Command;

/** {@code stepdpo bench}: performance benchmarks (not timed tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Performance benchmarks.",
        subcommands = {BenchEngineCommand.class})
public class BenchCommand {
}
