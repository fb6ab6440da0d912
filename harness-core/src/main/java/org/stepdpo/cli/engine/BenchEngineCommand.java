package org.stepdpo.cli.engine;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stepdpo.cli.WithoutStorage;
import org.stepdpo.engine.bench.AnchorBenchmark;
import org.stepdpo.engine.bench.EngineBenchmark;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.DeviceFacts;
import picocli.CommandLine.Command;
import org.stepdpo.cli.DeviceOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo bench engine}: train-step and generation throughput on the anchor's shape. */
@WithoutStorage
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Train-step tokens/s (fp32 fwd+bwd+AdamW) and greedy generation tokens/s (batch 1 and 8) "
                + "on the shape of ../shared/bench/anchor_torch_bench.py, then that anchor (PyTorch eager) in the same "
                + "command with the same threads, side by side with the ratios; native memory over a long generation.")
public class BenchEngineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOption device;

    /** The benchmark's threads: --threads, 2 by default (the anchor's published numbers use 2). */
    private int threads() {
        return device.threadsOr(2);
    }

    @Option(names = "--long-generation", defaultValue = "1024", description = "New tokens of the memory-check generation (default: ${DEFAULT-VALUE}).")
    int longGeneration;

    @Option(names = "--anchor", description = "The PyTorch-eager anchor script, run after the engine with the same threads "
            + "(default: $STEPDPO_ANCHOR, else ../shared/bench/anchor_torch_bench.py relative to the project root).")
    Path anchor;

    @Option(names = "--anchor-python", split = ",", description = "Interpreters to try for the anchor; the first with torch "
            + "runs it (default: /usr/bin/python3,python3).")
    List<String> anchorPythons;

    @Option(names = "--no-anchor", description = "Measure the engine only.")
    boolean noAnchor;

    @Override
    public Integer call() {
        var resolved = DeviceChoice.parse(device.choice()).resolve();
        DeviceFacts facts = DeviceFacts.of(resolved);
        double loadBefore = loadAverage();
        EngineBenchmark.Result r = EngineBenchmark.run(resolved, threads(), longGeneration);
        double loadAfterEngine = loadAverage();
        Path script = anchor != null ? anchor : AnchorBenchmark.defaultScript();
        AnchorBenchmark.Outcome a;
        if (noAnchor) {
            a = new AnchorBenchmark.Outcome(null, "--no-anchor");
        } else {
            System.err.println("running the anchor " + script + " with " + r.threads() + " threads ...");
            a = AnchorBenchmark.run(script, anchorPythons == null ? AnchorBenchmark.DEFAULT_PYTHONS : anchorPythons,
                    r.threads());
        }
        double loadAfterAnchor = loadAverage();
        spec.commandLine().getOut().printf("device            %s (%s)%n", r.device(), facts.name());
        spec.commandLine().getOut().printf("threads           %d%n", r.threads());
        spec.commandLine().getOut().printf("parameters        %,d%n", r.parameters());
        spec.commandLine().getOut().printf("%-18s%12s%12s%9s%n", "", "engine", "anchor", "ratio");
        row("train tokens/s", r.trainTokensPerSecond(), a.available() ? a.result().trainTokensPerSecond() : 0,
                String.format("fp32 forward+backward+AdamW, batch %d x %d", EngineBenchmark.BATCH, EngineBenchmark.SEQUENCE - 1));
        row("gen tokens/s b=1", r.generationBatch1(), a.available() ? a.result().generationBatch1() : 0,
                String.format("greedy, %d-token prompt, %d new tokens", EngineBenchmark.PROMPT, EngineBenchmark.NEW_TOKENS));
        row("gen tokens/s b=8", r.generationBatch8(), a.available() ? a.result().generationBatch8() : 0, "");
        spec.commandLine().getOut().printf("native RSS        %.1f MiB before, %.1f MiB after %d tokens, %.1f MiB after %d more%n",
                r.rssBeforeBytes() / 1048576.0, r.rssAfterFirstBytes() / 1048576.0, r.longGenerationTokens(),
                r.rssAfterSecondBytes() / 1048576.0, r.longGenerationTokens());
        if (a.available()) {
            spec.commandLine().getOut().printf("anchor            %s, %s %s %d%n", a.result().impl(), a.result().python(), script,
                    a.result().threads());
        } else {
            spec.commandLine().getOut().println("anchor not available: " + a.unavailableReason());
        }
        if (loadBefore >= 0) {
            spec.commandLine().getOut().printf("load average      %.2f before, %.2f after the engine, %.2f after the anchor (1 min, %d cores)%n",
                    loadBefore, loadAfterEngine, loadAfterAnchor, Runtime.getRuntime().availableProcessors());
        }
        return 0;
    }

    private void row(String label, double engine, double anchorValue, String note) {
        String anchorText = anchorValue > 0 ? String.format("%.1f", anchorValue) : "-";
        String ratio = anchorValue > 0 ? String.format("%.2fx", engine / anchorValue) : "-";
        spec.commandLine().getOut().printf("%-18s%12.1f%12s%9s%s%n", label, engine, anchorText, ratio, note.isEmpty() ? "" : "   (" + note + ")");
    }

    /** The 1-minute load average, or -1 where the platform has none: the machine may be shared. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
