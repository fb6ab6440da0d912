package org.stepdpo.cli.training;

import java.util.concurrent.Callable;
import org.stepdpo.cli.WithoutStorage;
import org.stepdpo.engine.bench.EngineBenchmark;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.DeviceFacts;
import org.stepdpo.engine.training.TrainingBenchmark;
import picocli.CommandLine.Command;
import org.stepdpo.cli.DeviceOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo bench train}: Step-DPO and SFT step throughput on the engine benchmark's shape. */
@WithoutStorage
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Step-DPO tokens/s and peak memory beside SFT tokens/s on the engine benchmark's shape "
                + "(vocab 512, hidden 256, 4 layers, 8/4 heads, seq 256, batch 4); a DPO step vs ~4 forward passes.")
public class BenchTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOption device;

    /** The benchmark's threads: --threads, 2 by default (the anchor's published numbers use 2). */
    private int threads() {
        return device.threadsOr(2);
    }

    @Option(names = "--steps", defaultValue = "3", description = "Timed steps after one warm-up (default: ${DEFAULT-VALUE}).")
    int steps;

    @Override
    public Integer call() {
        var resolved = DeviceChoice.parse(device.choice()).resolve();
        TrainingBenchmark r = TrainingBenchmark.run(resolved, threads(), steps);
        spec.commandLine().getOut().printf("device              %s (%s)%n", r.device(), DeviceFacts.of(resolved).name());
        spec.commandLine().getOut().printf("threads             %d%n", r.threads());
        spec.commandLine().getOut().printf("shape               batch %d pairs, %d tokens per row (%d prefix), fp32%n",
                EngineBenchmark.BATCH, EngineBenchmark.SEQUENCE, TrainingBenchmark.PREFIX);
        spec.commandLine().getOut().printf("step-dpo tokens/s   %.1f   (policy fwd+bwd on 2B rows + reference fwd + AdamW)%n",
                r.dpoTokensPerSecond());
        spec.commandLine().getOut().printf("sft tokens/s        %.1f   (fwd+bwd on B rows + AdamW)%n", r.sftTokensPerSecond());
        spec.commandLine().getOut().printf("dpo step            %.3f s = %.2f no-grad forwards of the 2B rows (%.3f s each; ideal ~4)%n",
                r.dpoStepSeconds(), r.dpoStepInForwards(), r.forwardSeconds());
        spec.commandLine().getOut().printf("peak memory         %.1f MiB%n", r.peakMemoryMb());
        return 0;
    }
}
