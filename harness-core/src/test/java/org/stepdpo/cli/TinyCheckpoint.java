package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
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

    /** Writes the checkpoint into {@code model} from a child JVM; fails with the child's output when it fails. */
    public static void writeInChildJvm(Path model) throws IOException, InterruptedException {
        Path log = model.resolveSibling(model.getFileName() + "-init.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TinyCheckpoint.class.getName(), model.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        assertThat(exit).as(() -> Files.exists(log) ? readQuietly(log) : "no output").isZero();
        assertThat(model.resolve("config.json")).exists();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    public static void main(String[] args) {
        ModelInitializer.initialize(new ModelInitializer.Spec(Architecture.QWEN2, 0, 32, 64, 2, 2, 1, 10000.0, 1e-6,
                true, 3, null), Path.of(args[0]));
    }
}
