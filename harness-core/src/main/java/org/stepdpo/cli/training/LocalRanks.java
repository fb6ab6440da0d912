package org.stepdpo.cli.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --nproc-per-node N}: starts N ranks of a command on this machine, one process each, with the variables torchrun
 * sets (MASTER_ADDR=127.0.0.1, a free MASTER_PORT, RANK = LOCAL_RANK, WORLD_SIZE = LOCAL_WORLD_SIZE = N). Rank 0's
 * standard output is copied to {@code out} and its standard error is the launcher's; the other ranks write into
 * {@code logs/rank-R.log}. When a rank fails the others get {@code grace} to stop by themselves (their process group
 * notices within its timeout and names the rank), then they are killed; the first failing exit code is returned.
 */
public final class LocalRanks {

    private LocalRanks() {
    }

    /**
     * This program's own command line as one rank: the same java, JVM options, jar (or class path and main class) and
     * arguments, less {@code --nproc-per-node}.
     */
    public static List<String> selfCommand(CommandSpec spec) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        String launched = System.getProperty("sun.java.command", "").split(" ")[0];
        if (launched.endsWith(".jar")) {
            cmd.addAll(List.of("-jar", launched));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), launched));
        }
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(OPTION)) {
                i++;
            } else if (!a.startsWith(OPTION + "=")) {
                cmd.add(a);
            }
        }
        return cmd;
    }

    public static final String OPTION = "--nproc-per-node";

    /** Engine threads per rank when the environment does not say: the cores shared out, at least one. */
    static int threadsPerRank(int ranks) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / ranks);
    }

    public static int run(List<String> command, int ranks, Path logs, PrintWriter out, PrintStream err, Duration grace)
            throws IOException, InterruptedException {
        return run(command, Map.of(), ranks, logs, out, err, grace);
    }

    /** As above with {@code extraEnv} added to every rank's environment. */
    public static int run(List<String> command, Map<String, String> extraEnv, int ranks, Path logs, PrintWriter out,
                          PrintStream err, Duration grace) throws IOException, InterruptedException {
        if (ranks < 1) {
            throw new IllegalArgumentException("--nproc-per-node must be at least 1, got " + ranks);
        }
        Files.createDirectories(logs);
        int port = freePort();
        List<Process> processes = new ArrayList<>();
        Thread stopOnExit = new Thread(() -> processes.forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            Thread copy = null;
            for (int r = 0; r < ranks; r++) {
                ProcessBuilder pb = new ProcessBuilder(command);
                Map<String, String> env = pb.environment();
                env.putAll(extraEnv);
                env.put("MASTER_ADDR", "127.0.0.1");
                env.put("MASTER_PORT", Integer.toString(port));
                env.put("RANK", Integer.toString(r));
                env.put("LOCAL_RANK", Integer.toString(r));
                env.put("WORLD_SIZE", Integer.toString(ranks));
                env.put("LOCAL_WORLD_SIZE", Integer.toString(ranks));
                env.putIfAbsent("STEPDPO_THREADS", Integer.toString(threadsPerRank(ranks)));
                if (r == 0) {
                    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
                } else {
                    pb.redirectErrorStream(true).redirectOutput(logs.resolve("rank-" + r + ".log").toFile());
                }
                Process p = pb.start();
                processes.add(p);
                if (r == 0) {
                    copy = copy(p.getInputStream(), out);
                }
            }
            err.println("stepdpo: started " + ranks + " ranks (store 127.0.0.1:" + port + "); rank 0 below, the others in "
                    + logs);
            int code = waitAll(processes, logs, err, grace);
            if (copy != null) {
                copy.join(5_000);
            }
            return code;
        } finally {
            processes.forEach(Process::destroyForcibly);
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    private static int waitAll(List<Process> processes, Path logs, PrintStream err, Duration grace)
            throws InterruptedException {
        int failedRank = -1;
        int failedCode = 0;
        long failedAt = 0;
        boolean[] reported = new boolean[processes.size()];
        while (!allReported(reported)) {
            for (int r = 0; r < processes.size(); r++) {
                Process p = processes.get(r);
                if (p.isAlive() || reported[r]) {
                    continue;
                }
                reported[r] = true;
                int code = p.exitValue();
                if (code != 0) {
                    err.println("stepdpo: rank " + r + " exited with code " + code
                            + (r == 0 ? "" : " (its output: " + logs.resolve("rank-" + r + ".log") + ")"));
                    if (failedRank < 0) {
                        failedRank = r;
                        failedCode = code;
                        failedAt = System.nanoTime();
                    }
                }
            }
            if (failedRank >= 0 && System.nanoTime() - failedAt > grace.toNanos()) {
                for (int r = 0; r < processes.size(); r++) {
                    if (processes.get(r).isAlive()) {
                        err.println("stepdpo: killing rank " + r + ", still running " + grace.toSeconds()
                                + " s after rank " + failedRank + " failed");
                        processes.get(r).destroyForcibly().waitFor();
                    }
                }
                break;
            }
            Thread.sleep(200);
        }
        return failedRank >= 0 ? failedCode : 0;
    }

    private static boolean allReported(boolean[] reported) {
        for (boolean b : reported) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    private static Thread copy(InputStream from, PrintWriter to) {
        Thread t = new Thread(() -> {
            char[] buffer = new char[8192];
            try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                for (int n; (n = reader.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "rank-0-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
