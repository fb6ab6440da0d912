package org.stepdpo.engine.training.distributed;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the ranks of one data-parallel run meet and who this process is among them: the variables torchrun sets
 * ({@code MASTER_ADDR}, {@code MASTER_PORT}, {@code RANK}, {@code WORLD_SIZE}, {@code LOCAL_RANK}) or, under Slurm,
 * {@code SLURM_PROCID} / {@code SLURM_NTASKS} / {@code SLURM_LOCALID} with {@code MASTER_ADDR} (and optionally
 * {@code MASTER_PORT}) exported by the job script. Rank 0 hosts the TCP store at host:port.
 *
 * @param timeout how long a collective (and the failure check after one) may wait for the other ranks before the run
 *                stops naming the rank that did not answer
 */
public record Rendezvous(String host, int port, int rank, int worldSize, int localRank, Duration timeout) {

    /** torchrun's default port. */
    public static final int DEFAULT_PORT = 29500;

    /** torch.distributed's default collective timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public Rendezvous {
        if (worldSize < 1 || rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("rank must be in [0, world size), got rank " + rank + " of " + worldSize);
        }
        if (localRank < 0) {
            throw new IllegalArgumentException("local rank must be >= 0, got " + localRank);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MASTER_PORT must be in 1..65535, got " + port);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the process-group timeout must be positive, got " + timeout);
        }
    }

    /**
     * The rendezvous the environment describes: torchrun's variables when {@code WORLD_SIZE} is set, else Slurm's when
     * {@code SLURM_NTASKS} is set (a Slurm job of one task is one process: empty); empty when neither is.
     */
    public static Optional<Rendezvous> fromEnvironment(Map<String, String> env, Duration timeout) {
        if (present(env, "WORLD_SIZE")) {
            int world = integer(env, "WORLD_SIZE");
            int rank = integer(env, "RANK");
            int local = present(env, "LOCAL_RANK") ? integer(env, "LOCAL_RANK") : rank;
            return Optional.of(new Rendezvous(host(env, "torchrun"), port(env), rank, world, local, timeout));
        }
        if (present(env, "SLURM_NTASKS") && integer(env, "SLURM_NTASKS") > 1) {
            return Optional.of(new Rendezvous(host(env, "Slurm"), port(env), integer(env, "SLURM_PROCID"),
                    integer(env, "SLURM_NTASKS"), present(env, "SLURM_LOCALID") ? integer(env, "SLURM_LOCALID") : 0,
                    timeout));
        }
        return Optional.empty();
    }

    /** Whether the store and the gloo pairs can stay on the loopback interface. */
    public boolean isLoopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    @Override
    public String toString() {
        return "rank " + rank + " of " + worldSize + " (local rank " + localRank + ", store " + host + ":" + port + ")";
    }

    private static String host(Map<String, String> env, String launcher) {
        if (!present(env, "MASTER_ADDR")) {
            throw new IllegalArgumentException("MASTER_ADDR is not set: a " + launcher + " launch of several ranks needs "
                    + "the host of rank 0 (e.g. export MASTER_ADDR=$(scontrol show hostnames $SLURM_JOB_NODELIST | head -n 1))");
        }
        return env.get("MASTER_ADDR").strip();
    }

    private static int port(Map<String, String> env) {
        return present(env, "MASTER_PORT") ? integer(env, "MASTER_PORT") : DEFAULT_PORT;
    }

    private static boolean present(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    private static int integer(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set (the rendezvous needs it)");
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got \"" + v + "\"");
        }
    }
}
