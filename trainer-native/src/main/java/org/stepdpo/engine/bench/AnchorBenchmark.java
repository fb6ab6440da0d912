package org.stepdpo.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs ../shared/bench/anchor_torch_bench.py (the same shape in PyTorch eager) as a child process with the
 * same thread count, so the engine's numbers and the anchor's come from one command on one machine.
 */
public final class AnchorBenchmark {

    /** What the anchor printed, or why there is nothing: exactly one of the two is set. */
    public record Outcome(Result result, String unavailableReason) {

        public boolean available() {
            return result != null;
        }
    }

    /** The anchor's JSON line: impl is e.g. "pytorch-eager-python 2.5.1". */
    public record Result(String impl, String python, int threads, double trainTokensPerSecond, double generationBatch1,
                         double generationBatch8) {
    }

    /** Interpreters tried in order: Debian's python3-torch lives under /usr/bin, not in a pyenv on the PATH. */
    public static final List<String> DEFAULT_PYTHONS = List.of("/usr/bin/python3", "python3");

    private static final long TIMEOUT_MINUTES = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnchorBenchmark() {
    }

    /**
     * $STEPDPO_ANCHOR when set, else ../shared/bench/anchor_torch_bench.py relative to the project root: the first
     * folder holding both the {@code stepdpo} launcher and a pom.xml, above this code's jar or else above the
     * working directory.
     */
    public static Path defaultScript() {
        String fromEnv = System.getenv("STEPDPO_ANCHOR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path relative = Path.of("..", "shared", "bench", "anchor_torch_bench.py");
        Path root = projectRootAbove(codeLocation());
        if (root == null) {
            root = projectRootAbove(Path.of("").toAbsolutePath());
        }
        return root == null ? relative : root.resolve(relative).normalize();
    }

    private static Path codeLocation() {
        try {
            return Path.of(AnchorBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException unknown) {
            return null;
        }
    }

    private static Path projectRootAbove(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("stepdpo")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return null;
    }

    /**
     * @param script  the anchor script
     * @param pythons interpreters to try in order; the first that has torch runs it
     * @param threads passed as the script's argument (its torch.set_num_threads)
     */
    public static Outcome run(Path script, List<String> pythons, int threads) {
        if (!Files.isRegularFile(script)) {
            return new Outcome(null, "no anchor script at " + script.toAbsolutePath().normalize());
        }
        List<String> tried = new ArrayList<>();
        for (String python : pythons) {
            String problem = missingTorch(python);
            if (problem != null) {
                tried.add(python + ": " + problem);
                continue;
            }
            return runWith(python, script, threads);
        }
        return new Outcome(null, "no python3 with torch (" + String.join("; ", tried) + ")");
    }

    private static String missingTorch(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "'import torch' did not finish";
            }
            if (p.exitValue() != 0) {
                String[] lines = output.split("\n");
                return lines.length == 0 ? "'import torch' failed" : lines[lines.length - 1];
            }
            return null;
        } catch (IOException e) {
            return "cannot run (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Outcome runWith(String python, Path script, int threads) {
        List<String> command = List.of(python, script.toString(), Integer.toString(threads));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Outcome(null, String.join(" ", command) + " ran past " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0) {
                return new Outcome(null, String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + lastLine(output));
            }
            return parse(output, python, command);
        } catch (IOException e) {
            return new Outcome(null, "cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        }
    }

    /** The last line of the output that is a JSON object carrying the train and generation rates. */
    static Outcome parse(String output, String python, List<String> command) {
        String[] lines = output.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode json = JSON.readTree(line);
                if (json.hasNonNull("train_tokens_per_s") && json.hasNonNull("gen_tokens_per_s_batch1")
                        && json.hasNonNull("gen_tokens_per_s_batch8")) {
                    return new Outcome(new Result(json.path("impl").asText("?"), python, json.path("threads").asInt(),
                            json.get("train_tokens_per_s").asDouble(), json.get("gen_tokens_per_s_batch1").asDouble(),
                            json.get("gen_tokens_per_s_batch8").asDouble()), null);
                }
            } catch (IOException notJson) {
                // keep looking further up
            }
        }
        return new Outcome(null, String.join(" ", command) + " printed no JSON line with train_tokens_per_s, "
                + "gen_tokens_per_s_batch1 and gen_tokens_per_s_batch8 (last line: " + lastLine(output) + ")");
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
