package org.stepdpo.cli.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stepdpo.cli.WithoutStorage;
import org.stepdpo.engine.tokenizer.BpeTrainer;
import org.stepdpo.engine.tokenizer.ByteLevelBpe;
import org.stepdpo.engine.tokenizer.TrainingCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo tokenizer train}: a byte-level BPE tokenizer learnt from a corpus, with digits kept single. */
@WithoutStorage
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a byte-level BPE tokenizer on a text or JSONL corpus and write tokenizer.json, "
                + "tokenizer_config.json and special_tokens_map.json into a folder.",
                "Numbers are always split into single digits; <|endoftext|> (id 256) is EOS and pad. "
                + "Use the result with: stepdpo model init --tokenizer DIR/tokenizer.json ..."})
public class TokenizerTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", required = true,
            description = "Corpus file, repeatable: .jsonl (one record per line) or plain text (the whole file).")
    List<Path> corpus;

    @Option(names = "--field", description = "JSONL string field to train on, repeatable (default: every string field).")
    List<String> fields = new ArrayList<>();

    @Option(names = "--vocab-size", defaultValue = "512",
            description = "Target vocabulary: 256 bytes + special tokens + merges (default: ${DEFAULT-VALUE}).")
    int vocabSize;

    @Option(names = "--special", description = "Extra special token after <|endoftext|>, repeatable.")
    List<String> specials = new ArrayList<>();

    @Option(names = "--min-frequency", defaultValue = "2",
            description = "Never merge a pair seen fewer times (default: ${DEFAULT-VALUE}).")
    int minFrequency;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        List<String> texts = new ArrayList<>();
        for (Path file : corpus) {
            texts.addAll(TrainingCorpus.read(file, fields));
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no text in " + corpus);
        }
        BpeTrainer trainer = new BpeTrainer(vocabSize, specials, minFrequency);
        ByteLevelBpe bpe = trainer.train(texts);
        double seconds = (System.nanoTime() - start) / 1e9;
        bpe.write(out);

        long bytes = 0;
        long tokens = 0;
        for (String text : texts) {
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
            tokens += bpe.encode(text, false).length;
        }
        int special = bpe.specialTokens().size();
        spec.commandLine().getOut().printf("trained on %,d texts (%.1f MB) in %.1f s: vocab %d = 256 bytes + %d special + %d merged%s%n",
                texts.size(), bytes / 1e6, seconds, bpe.vocabSize(), special, bpe.vocabSize() - 256 - special,
                bpe.vocabSize() < vocabSize ? " (no pair seen " + minFrequency + " times is left)" : "");
        spec.commandLine().getOut().printf("tokens per text: byte-level %.1f, BPE %.1f (%.2fx fewer)%n", (double) bytes / texts.size(),
                (double) tokens / texts.size(), (double) bytes / tokens);
        spec.commandLine().getOut().printf("wrote %s%n", out.resolve("tokenizer.json"));
        return 0;
    }
}
