package org.stepdpo.progress;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * A progress bar with rate and ETA for long work, on standard error.
 *
 * <p>On a terminal it redraws one line; elsewhere (CI logs, pipes) it prints a plain line at most every
 * {@code quietIntervalMillis}, so logs stay readable. Safe to advance from several threads.
 *
 * <p>Long work on a shared machine slows down without a word (the demo's SFT ran 25 times slower under a load of 10
 * to 16 on two cores), so after the first minute the line also gives the first minute's rate, and whenever the
 * machine's load is above its cores it says so.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 28;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean interactive;
    private final long quietIntervalMillis;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private volatile long lastDrawMillis;
    private volatile long lastDrawn = -1;
    private volatile boolean closed;
    private final DoubleSupplier loadAverage;
    private final int cores;
    private volatile double firstMinuteRate = -1;

    public ProgressBar(String label, long total, String unit) {
        this(label, total, unit, System.err, System.console() != null, 10_000);
    }

    public ProgressBar(String label, long total, String unit, PrintStream out, boolean interactive,
                       long quietIntervalMillis) {
        this(label, total, unit, out, interactive, quietIntervalMillis,
                ManagementFactory.getOperatingSystemMXBean()::getSystemLoadAverage,
                Runtime.getRuntime().availableProcessors());
    }

    /** @param loadAverage the 1-minute load average (negative where the system has none) */
    ProgressBar(String label, long total, String unit, PrintStream out, boolean interactive, long quietIntervalMillis,
                DoubleSupplier loadAverage, int cores) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
        this.interactive = interactive;
        this.quietIntervalMillis = quietIntervalMillis;
        this.loadAverage = loadAverage;
        this.cores = cores;
    }

    public void step() {
        advance(1);
    }

    public void advance(long n) {
        long now = done.addAndGet(n);
        long millis = System.currentTimeMillis();
        long interval = interactive ? 100 : quietIntervalMillis;
        if (millis - lastDrawMillis >= interval || now == total) {
            draw(now, false);
        }
    }

    public long done() {
        return done.get();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (lastDrawn != done.get() || interactive) {
                draw(done.get(), true);
            }
        }
    }

    private synchronized void draw(long now, boolean last) {
        lastDrawMillis = System.currentTimeMillis();
        lastDrawn = now;
        String line = render(now, (System.nanoTime() - startNanos) / 1e9);
        if (interactive) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    /**
     * The bar as text, e.g. {@code grading [#####.....] 512/1000 (51%) 2,310 samples/s, elapsed 0:01:10, ETA
     * 0:00:01; first minute 2,900 samples/s; machine busy: load 6.7 on 2 cores}.
     */
    String render(long now, double seconds) {
        double fraction = total > 0 ? Math.min(1.0, now / (double) total) : 0;
        int filled = (int) Math.round(fraction * WIDTH);
        double rate = seconds > 0 ? now / seconds : 0;
        if (firstMinuteRate < 0 && seconds >= 60) {
            firstMinuteRate = rate;
        }
        String eta = rate > 0 && total > 0 ? clock((long) Math.ceil((total - now) / rate)) : "?";
        StringBuilder line = new StringBuilder(String.format("%s [%s%s] %d/%d (%d%%) %,.1f %s/s, elapsed %s, ETA %s",
                label, "#".repeat(filled), ".".repeat(WIDTH - filled), now, total,
                Math.round(fraction * 100), rate, unit, clock((long) seconds), eta));
        if (firstMinuteRate >= 0 && seconds >= 120) {
            line.append(String.format("; first minute %,.1f %s/s", firstMinuteRate, unit));
        }
        double load = loadAverage.getAsDouble();
        if (load > cores) {
            line.append(String.format("; machine busy: load %.1f on %d cores", load, cores));
        }
        return line.toString();
    }

    static String clock(long seconds) {
        Duration d = Duration.ofSeconds(Math.max(0, seconds));
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
