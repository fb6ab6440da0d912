package org.stepdpo.config.baselines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a suite's baseline lives. A built-in suite's baseline is committed beside the suites, at
 * {@code benchmarks-config/src/main/resources/stepdpo/baselines/NAME.json}; it is read from the project's
 * source tree when there is one (so that a baseline just rewritten is the one used, without rebuilding), else
 * from the application's class path. A suite file's baseline sits beside it: {@code my-suite.baseline.json}.
 */
public final class Baselines {

    /** The baselines folder relative to the project root. */
    public static final Path SOURCE_DIR = Path.of("benchmarks-config", "src", "main", "resources", "stepdpo", "baselines");

    private Baselines() {
    }

    /** The source-tree file of a built-in suite's baseline. */
    public static Path inProject(Path projectRoot, String suite) {
        return projectRoot.resolve(SOURCE_DIR).resolve(suite + ".json");
    }

    /** The baseline file that belongs beside a suite file. */
    public static Path besideSuiteFile(Path suiteFile) {
        String name = suiteFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return suiteFile.toAbsolutePath().resolveSibling(name + ".baseline.json");
    }

    /** The baseline of a built-in suite as packaged on the class path, if there is one. */
    public static Optional<Baseline> builtin(String suite) {
        String resource = "/stepdpo/baselines/" + suite + ".json";
        try (InputStream in = Baselines.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(BaselineFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "classpath:" + resource));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
