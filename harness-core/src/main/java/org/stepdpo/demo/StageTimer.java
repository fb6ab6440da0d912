package org.stepdpo.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** Times the demo's stages and prints each as it ends; a stage reused from an earlier run shows as such. */
public final class StageTimer {

    /** One stage: its name, the seconds it took in this run, and whether earlier work was reused instead. */
    public record Timing(String stage, double seconds, boolean reused) {
    }

    private final PrintStream log;
    private final List<Timing> timings = Collections.synchronizedList(new ArrayList<>());

    StageTimer(PrintStream log) {
        this.log = log;
    }

    <T> T time(String stage, Supplier<T> work) {
        log.printf("== %s%n", stage);
        log.flush();
        long t0 = System.nanoTime();
        T result = work.get();
        double s = (System.nanoTime() - t0) / 1e9;
        timings.add(new Timing(stage, s, false));
        log.printf("== %s done in %.1f s%n", stage, s);
        log.flush();
        return result;
    }

    void time(String stage, Runnable work) {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    void reused(String stage) {
        timings.add(new Timing(stage, 0, true));
    }

    List<Timing> timings() {
        return List.copyOf(timings);
    }
}
