package org.stepdpo.regress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.stepdpo.config.Suites;
import org.stepdpo.config.baselines.Baseline;
import org.stepdpo.config.baselines.BaselineFile;
import org.stepdpo.config.baselines.BaselineFormatException;
import org.stepdpo.config.baselines.Baselines;

/**
 * Where {@code stepdpo regress} reads and writes a suite's baseline: the file given with {@code --baseline};
 * else, for a suite file, {@code NAME.baseline.json} beside it; else, for a built-in suite, the file committed
 * in the project's source tree (found through {@code STEPDPO_PROJECT_DIR}, which the {@code stepdpo} launcher
 * sets, or by looking upwards from the working folder); else the copy packaged with the application, which
 * can be read but not rewritten.
 *
 * @param file  the file, or null when only the packaged copy is known
 * @param suite the built-in suite's name when {@code file} is null
 */
public record BaselineLocation(Path file, String suite) {

    static final String PROJECT_DIR = "STEPDPO_PROJECT_DIR";

    public static BaselineLocation resolve(Path explicit, String suiteArgument, String suiteName,
                                           UnaryOperator<String> environment, Path workingDir) {
        if (explicit != null) {
            return new BaselineLocation(explicit, null);
        }
        if (Suites.isFile(suiteArgument)) {
            return new BaselineLocation(Baselines.besideSuiteFile(Path.of(suiteArgument)), null);
        }
        return projectRoot(environment, workingDir)
                .map(root -> new BaselineLocation(Baselines.inProject(root, suiteName), null))
                .orElse(new BaselineLocation(null, suiteName));
    }

    /** The file or resource, for messages. */
    public String describe() {
        return file != null ? file.toString() : "classpath:/stepdpo/baselines/" + suite + ".json";
    }

    /** Reads the baseline; a missing one fails with what to run to create it. */
    public Baseline read(String suiteName) {
        if (file == null) {
            return Baselines.builtin(suite).orElseThrow(() -> missing(suiteName));
        }
        if (!Files.exists(file)) {
            throw missing(suiteName);
        }
        return BaselineFile.read(file);
    }

    /** The file to rewrite; the packaged copy cannot be. */
    public Path writableFile() {
        if (file == null) {
            throw new IllegalArgumentException("no project source tree found to write the baseline of suite " + suite
                    + " into; give --baseline FILE (or set " + PROJECT_DIR + " to the project's folder)");
        }
        return file;
    }

    private BaselineFormatException missing(String suiteName) {
        return new BaselineFormatException("no baseline for suite " + suiteName + " at " + describe() + "; create it "
                + "deliberately with: stepdpo regress --suite " + suiteName
                + (file != null ? " --baseline " + file : "") + " --update-baseline (then review and commit it)");
    }

    private static Optional<Path> projectRoot(UnaryOperator<String> environment, Path workingDir) {
        String fromEnvironment = environment.apply(PROJECT_DIR);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(Path.of(fromEnvironment));
        }
        for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("benchmarks-config").resolve("src/main/resources/stepdpo/suites"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
