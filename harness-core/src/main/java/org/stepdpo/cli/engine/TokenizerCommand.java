package org.stepdpo.cli.engine;

import picocli.CommandLine.Command;

/** {@code stepdpo tokenizer}: make tokenizers for the models the project trains from scratch. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = "Train byte-level BPE tokenizers (Hugging Face tokenizer.json) for models made with 'model init'.",
        subcommands = {TokenizerTrainCommand.class})
public class TokenizerCommand {
}
