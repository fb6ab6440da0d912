package org.stepdpo.reports.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that runs a run: its host, process id and start time. Whether a RUNNING run is still running is then
 * a fact, not a guess from a timer: on the same host, the process with that id either exists and started at that
 * time, or the run was interrupted. On another host (a shared PostgreSQL) it cannot be known, and the run keeps its
 * stored status.
 *
 * @param startedAt when the process started, or null where the system does not say
 */
public record RunOwner(String host, long pid, Instant startedAt) {

    /** Start times read twice can differ by the clock's tick (10 ms on Linux); a reused pid differs by far more. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    private static final RunOwner CURRENT = new RunOwner(hostName(), ProcessHandle.current().pid(),
            ProcessHandle.current().info().startInstant().orElse(null));

    /** This process. */
    public static RunOwner current() {
        return CURRENT;
    }

    /** Whether this owner's process has certainly ended: it ran on this host, and no live process is it. */
    public boolean gone() {
        if (!CURRENT.host.equals(host)) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = p.get().info().startInstant();
        return startedAt != null && started.isPresent()
                && Duration.between(startedAt, started.get()).abs().compareTo(SAME_START) > 0;
    }

    public boolean isThisProcess() {
        return CURRENT.host.equals(host) && CURRENT.pid == pid;
    }

    /** e.g. "process 4711 on gpu-node-3". */
    public String describe() {
        return "process " + pid + " on " + host;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the network stack below
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
