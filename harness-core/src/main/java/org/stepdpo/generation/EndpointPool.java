package org.stepdpo.generation;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which server takes the next request: the least loaded (fewest requests in flight) of the healthy servers that
 * have a free slot under their concurrency limit. A server whose attempt failed is left out for a back-off
 * period (its {@code initialBackoff}, doubled for each failure in a row, at most two minutes; longer when it
 * asked so with Retry-After), so that the retry goes elsewhere; when every server is out, callers wait for the
 * first to come back, which for a single server is the plain retry with back-off.
 *
 * <p>Failures are logged per server, at most one line per server every ten seconds with the count since the
 * last one, so that a server that fails half its requests does not flood the log.
 */
final class EndpointPool {

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final List<Slot> slots = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PrintStream log;

    /** One server's state; guarded by {@link #lock}. */
    private static final class Slot {
        final OpenAiEndpoint endpoint;
        final int index;
        int inFlight;
        long dispatched;
        long served;
        long failed;
        int failuresInARow;
        long backInRotationAt; // System.nanoTime(); healthy once reached
        boolean out;
        boolean logged;
        long lastLogAt;
        long failuresNotLogged;

        Slot(OpenAiEndpoint endpoint, int index) {
            this.endpoint = endpoint;
            this.index = index;
        }
    }

    /** A request's turn on one server, from {@link #acquire} to one of {@link #succeeded}, {@link #failed}, {@link #released}. */
    static final class Lease {
        private final Slot slot;
        private boolean open = true;

        private Lease(Slot slot) {
            this.slot = slot;
        }

        OpenAiEndpoint endpoint() {
            return slot.endpoint;
        }
    }

    EndpointPool(List<OpenAiEndpoint> servers, PrintStream log) {
        for (OpenAiEndpoint e : servers) {
            slots.add(new Slot(e, slots.size()));
        }
        this.log = log;
    }

    int size() {
        return slots.size();
    }

    /**
     * The server for the next attempt of a request, waiting while none is healthy with a free slot. Servers in
     * {@code alreadyFailed} (where this request failed before) are taken again only when no other one is healthy:
     * a retry waits for a busy healthy server rather than go back to the one that failed it.
     */
    Lease acquire(Collection<OpenAiEndpoint> alreadyFailed) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                long now = System.nanoTime();
                for (Slot s : slots) {
                    if (s.out && now - s.backInRotationAt >= 0) {
                        s.out = false;
                    }
                }
                boolean anotherHealthy = slots.stream().anyMatch(s -> !s.out && !alreadyFailed.contains(s.endpoint));
                Slot best = null;
                long soonestBack = Long.MAX_VALUE;
                for (Slot s : slots) {
                    if (s.out) {
                        soonestBack = Math.min(soonestBack, s.backInRotationAt - now);
                        continue;
                    }
                    if (s.inFlight >= s.endpoint.concurrency() || anotherHealthy && alreadyFailed.contains(s.endpoint)) {
                        continue;
                    }
                    if (best == null || before(s, best)) {
                        best = s;
                    }
                }
                if (best != null) {
                    best.inFlight++;
                    best.dispatched++;
                    return new Lease(best);
                }
                if (soonestBack == Long.MAX_VALUE) {
                    changed.await(); // all busy: a release signals
                } else {
                    changed.awaitNanos(soonestBack);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Order of preference: fewest in flight, fewest sent so far, first given. */
    private static boolean before(Slot a, Slot b) {
        if (a.inFlight != b.inFlight) {
            return a.inFlight < b.inFlight;
        }
        if (a.dispatched != b.dispatched) {
            return a.dispatched < b.dispatched;
        }
        return a.index < b.index;
    }

    /** The server answered. */
    void succeeded(Lease lease) {
        close(lease, s -> {
            s.served++;
            s.failuresInARow = 0;
        });
    }

    /**
     * The attempt failed in a way another try may not (429, 5xx, no or broken connection, timeout): the server
     * leaves the rotation for its back-off period. Failures of requests sent before the server left count, but
     * do not lengthen the period again.
     *
     * @param retryAfter what the server asked for, or null
     */
    void failed(Lease lease, String problem, Duration retryAfter) {
        close(lease, s -> {
            s.failed++;
            long now = System.nanoTime();
            if (!s.out || now - s.backInRotationAt >= 0) {
                s.failuresInARow++;
                Duration pause = backoff(s.endpoint.initialBackoff(), s.failuresInARow, retryAfter);
                s.out = true;
                s.backInRotationAt = now + pause.toNanos();
            } else if (retryAfter != null && retryAfter.compareTo(MAX_BACKOFF) <= 0
                    && now + retryAfter.toNanos() - s.backInRotationAt > 0) {
                s.backInRotationAt = now + retryAfter.toNanos();
            }
            s.failuresNotLogged++;
            if (!s.logged || now - s.lastLogAt >= LOG_INTERVAL_NANOS) {
                log.printf("server %s: %s; left out for %d ms%s%n", s.endpoint.baseUrl(), problem,
                        Math.max(0, (s.backInRotationAt - now) / 1_000_000),
                        s.failuresNotLogged > 1 ? " (" + s.failuresNotLogged + " failed attempts since the last report)" : "");
                s.logged = true;
                s.lastLogAt = now;
                s.failuresNotLogged = 0;
            }
        });
    }

    /** The attempt ended without saying anything about the server (a 4xx, an unreadable answer, an interrupt). */
    void released(Lease lease) {
        close(lease, s -> {
        });
    }

    private void close(Lease lease, java.util.function.Consumer<Slot> update) {
        lock.lock();
        try {
            if (!lease.open) {
                throw new IllegalStateException("lease on " + lease.slot.endpoint.baseUrl() + " closed twice");
            }
            lease.open = false;
            lease.slot.inFlight--;
            update.accept(lease.slot);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** initialBackoff · 2^(failures - 1), capped, or the server's Retry-After when that is longer (and not absurd). */
    static Duration backoff(Duration initial, int failuresInARow, Duration retryAfter) {
        Duration exponential = initial.multipliedBy(1L << Math.min(failuresInARow - 1, 20));
        if (exponential.compareTo(MAX_BACKOFF) > 0) {
            exponential = MAX_BACKOFF;
        }
        return retryAfter != null && retryAfter.compareTo(exponential) > 0 && retryAfter.compareTo(MAX_BACKOFF) <= 0
                ? retryAfter : exponential;
    }

    /** Requests in flight on each server, in the order given. */
    List<Integer> inFlight() {
        lock.lock();
        try {
            return slots.stream().map(s -> s.inFlight).toList();
        } finally {
            lock.unlock();
        }
    }

    EndpointTraffic traffic() {
        lock.lock();
        try {
            return new EndpointTraffic(slots.stream()
                    .map(s -> new EndpointTraffic.Server(s.endpoint.baseUrl(), s.served, s.failed)).toList());
        } finally {
            lock.unlock();
        }
    }
}
