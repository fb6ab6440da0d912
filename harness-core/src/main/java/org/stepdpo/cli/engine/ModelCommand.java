package org.stepdpo.cli.engine;

import picocli.CommandLine.Command;

/** {@code stepdpo model}: create and inspect native-engine checkpoints. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Create (init) and inspect (logits) Hugging Face checkpoints with the native engine.",
        subcommands = {ModelInitCommand.class, ModelLogitsCommand.class})
public class ModelCommand {
}
