package org.stepdpo.cli.engine;

import java.util.concurrent.Callable;
import org.stepdpo.engine.bench.EngineBenchmark;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.DeviceFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stepdpo bench engine}: train-step and generation throughput on the anchor's shape. */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Train-step tokens/s (fp32 fwd+bwd+AdamW) and greedy generation tokens/s (batch 1 and 8) "
                + "on the shape of ../shared/bench/anchor_torch_bench.py; native memory over a long generation.")
public class BenchEngineCommand implements Callable<Integer> {

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda, cuda:N or auto (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", defaultValue = "2", description = "libtorch intra-op threads, as the anchor's argument (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--long-generation", defaultValue = "1024", description = "New tokens of the memory-check generation (default: ${DEFAULT-VALUE}).")
    int longGeneration;

    @Override
    public Integer call() {
        var resolved = DeviceChoice.parse(device).resolve();
        DeviceFacts facts = DeviceFacts.of(resolved);
        EngineBenchmark.Result r = EngineBenchmark.run(resolved, threads, longGeneration);
        System.out.printf("device            %s (%s)%n", r.device(), facts.name());
        System.out.printf("threads           %d%n", r.threads());
        System.out.printf("parameters        %,d%n", r.parameters());
        System.out.printf("train tokens/s    %.1f   (fp32 forward+backward+AdamW, batch %d x %d)%n",
                r.trainTokensPerSecond(), EngineBenchmark.BATCH, EngineBenchmark.SEQUENCE - 1);
        System.out.printf("gen tokens/s b=1  %.1f%n", r.generationBatch1());
        System.out.printf("gen tokens/s b=8  %.1f%n", r.generationBatch8());
        System.out.printf("native RSS        %.1f MiB before, %.1f MiB after %d tokens, %.1f MiB after %d more%n",
                r.rssBeforeBytes() / 1048576.0, r.rssAfterFirstBytes() / 1048576.0, r.longGenerationTokens(),
                r.rssAfterSecondBytes() / 1048576.0, r.longGenerationTokens());
        System.out.println("anchor            /usr/bin/python3 ../shared/bench/anchor_torch_bench.py " + threads
                + "   (PyTorch eager; run it on the same machine for the ratio)");
        return 0;
    }
}
