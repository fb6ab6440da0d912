package org.stepdpo.cli;

import java.nio.file.Path;
import org.stepdpo.engine.ModelInitializer;
import org.stepdpo.engine.model.Architecture;

/**
 * Writes a tiny random Qwen2 checkpoint (Hugging Face layout, built-in byte-level tokenizer) into the folder given
 * as the argument: what {@code stepdpo model init} writes, run as a plain program so that tests can make one in a
 * JVM of its own (libtorch loads once per JVM and class loader).
 */
public final class TinyCheckpoint {

    private TinyCheckpoint() {
    }

    public static void main(String[] args) {
        ModelInitializer.initialize(new ModelInitializer.Spec(Architecture.QWEN2, 0, 32, 64, 2, 2, 1, 10000.0, 1e-6,
                true, 3, null), Path.of(args[0]));
    }
}
