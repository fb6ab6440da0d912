package org.stepdpo.engine.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.stepdpo.engine.ModelInitializer;
import org.stepdpo.engine.model.Architecture;
import org.stepdpo.engine.training.data.TokenizedExample;

/** Tiny model folders and pair sets for the training tests (a few milliseconds per step). */
final class TrainingFixtures {

    private TrainingFixtures() {
    }

    /** A 2-layer, 32-wide Qwen2 folder with the byte-level tokenizer (vocab 320). */
    static Path tinyModel(Path dir) {
        ModelInitializer.initialize(new ModelInitializer.Spec(Architecture.QWEN2, 0, 32, 64, 2, 4, 2, 10000.0, 1e-6,
                true, 7, null), dir);
        return dir;
    }

    /** Step pairs as JSONL: prefix "k:" steps, chosen = the right sum, rejected = a wrong one. */
    static Path stepPairs(Path file, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int a = i % 5 + 1;
            int b = i / 5 + 2;
            lines.add(String.format("{\"prompt\": \"%d+%d\", \"initial_reason_steps\": \"S1:\", \"chosen\": \" %d\","
                    + " \"rejected\": \" %d\", \"answer\": \"%d\", \"dataset\": \"toy\", \"step_index\": 1}",
                    a, b, a + b, a + b + 3, a + b));
        }
        return write(file, lines);
    }

    static Path write(Path file, List<String> lines) {
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Random token pairs with prefixes and continuations of different lengths. */
    static List<TokenizedExample> randomPairs(int count, int vocab, long seed) {
        Random r = new Random(seed);
        List<TokenizedExample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new TokenizedExample(i, i + 1, r.ints(2 + r.nextInt(5), 0, vocab).toArray(),
                    r.ints(1 + r.nextInt(4), 0, vocab).toArray(), r.ints(1 + r.nextInt(4), 0, vocab).toArray()));
        }
        return out;
    }
}
