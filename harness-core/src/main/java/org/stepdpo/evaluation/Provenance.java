package org.stepdpo.evaluation;

import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.DeviceFacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What produced a run, recorded with it so that it can be reproduced: the project version and commit,
 * the command line, the inputs with their SHA-256, and the machine.
 */
public final class Provenance {

    /** The command line of this process as typed, set by the entry point; "stepdpo" alone until then. */
    private static volatile List<String> commandLine = List.of("stepdpo");

    private Provenance() {
    }

    /** Records the arguments this process was started with (the entry point calls it before any command runs). */
    public static void recordCommandLine(String... args) {
        List<String> line = new java.util.ArrayList<>(args.length + 1);
        line.add("stepdpo");
        line.addAll(List.of(args));
        commandLine = List.copyOf(line);
    }

    /** The command as typed: {@code ["stepdpo", "eval", "--completions", "c.jsonl", ...]}. */
    public static List<String> commandLine() {
        return commandLine;
    }

    /** The project commit the launcher recorded ({@code STEPDPO_GIT_COMMIT}), or "unknown". */
    public static String gitCommit() {
        String commit = System.getenv("STEPDPO_GIT_COMMIT");
        return commit == null || commit.isBlank() ? "unknown" : commit;
    }

    public static String projectVersion() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.version", String.class).orElse("unknown");
    }

    /** A JSON-ready description of a run's origin; {@code inputs} maps a role ("data") to a file. */
    public static Map<String, Object> describe(List<String> commandLine, Map<String, Path> inputs,
                                               Map<String, Object> settings) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("project_version", projectVersion());
        p.put("git_commit", gitCommit());
        p.put("command", commandLine);
        p.put("created_at", Instant.now().toString());
        Map<String, Object> files = new LinkedHashMap<>();
        inputs.forEach((role, file) -> files.put(role, Map.of("path", file.toAbsolutePath().toString(),
                "sha256", sha256(file))));
        p.put("inputs", files);
        p.put("settings", settings);
        p.put("machine", Map.of(
                "java", System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                "cpus", Runtime.getRuntime().availableProcessors()));
        return p;
    }

    /**
     * How runs name the device they ran on, from a {@code --device} choice ({@code cpu}, {@code cuda}, {@code cuda:1},
     * {@code auto}): the device actually used with its name, e.g. {@code cpu: AMD EPYC 7B13 (2 logical cores)} or
     * {@code cuda:0: NVIDIA H100 80GB HBM3, 79.1 GiB}.
     */
    public static String device(String choice) {
        ComputeDevice d = choice == null || choice.isBlank() || choice.equalsIgnoreCase("cpu") ? ComputeDevice.cpu()
                : DeviceChoice.parse(choice).resolve();
        DeviceFacts facts = DeviceFacts.of(d);
        return facts.device() + ": " + facts.name() + (d.isCuda() && facts.totalBytes() > 0
                ? String.format(java.util.Locale.ROOT, ", %.1f GiB", facts.totalBytes() / (double) (1L << 30)) : "");
    }

    /** {@link #describe} as the JSON text that runs store as their configuration snapshot. */
    public static String describeJson(List<String> commandLine, Map<String, Path> inputs, Map<String, Object> settings) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(describe(commandLine, inputs, settings));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
