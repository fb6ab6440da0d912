package org.stepdpo.cli.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stepdpo.cli.WithoutStorage;
import org.stepdpo.engine.bench.EngineBenchmark;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.DeviceFacts;
import org.stepdpo.engine.training.TrainingBenchmark;
import org.stepdpo.engine.training.distributed.Rendezvous;
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

    /** Where rank 0 of a --nproc-per-node measurement leaves its numbers for the launching process. */
    private static final String RESULT_ENV = "STEPDPO_BENCH_TRAIN_RESULT";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Option(names = LocalRanks.OPTION, defaultValue = "1", description = "Also measure N data-parallel ranks on this "
            + "machine (one process each, gloo/NCCL, gradients all-reduced every step, each rank its own batch) beside "
            + "1 rank; --threads defaults to 1 per rank then (default: ${DEFAULT-VALUE}).")
    int nprocPerNode;

    @Override
    public Integer call() throws Exception {
        ComputeDevice resolved = DeviceChoice.parse(device.choice()).resolve();
        var rendezvous = Rendezvous.fromEnvironment(System.getenv(), Rendezvous.DEFAULT_TIMEOUT);
        if (rendezvous.isPresent()) {
            TrainingBenchmark r = TrainingBenchmark.run(resolved, threads(), steps, rendezvous.get());
            String file = System.getenv(RESULT_ENV);
            if (rendezvous.get().rank() == 0 && file != null) {
                JSON.writeValue(Path.of(file).toFile(), r);
            }
            return 0;
        }
        if (nprocPerNode <= 1) {
            TrainingBenchmark r = TrainingBenchmark.run(resolved, threads(), steps);
            print(resolved, r);
            return 0;
        }
        return compareRanks(resolved);
    }

    /** 1 rank in this process, then N ranks as child processes: tokens/s of each and the scaling between them. */
    private int compareRanks(ComputeDevice resolved) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int perRank = device.threadsOr(1);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        TrainingBenchmark one = TrainingBenchmark.run(resolved, perRank, steps);
        Path work = Files.createTempDirectory("stepdpo-bench-ranks");
        Path result = work.resolve("rank0.json");
        List<String> command = new ArrayList<>(LocalRanks.selfCommand(spec));
        if (device.threadsOr(-1) < 0) {
            command.addAll(List.of("--threads", Integer.toString(perRank)));
        }
        int code = LocalRanks.run(command, Map.of(RESULT_ENV, result.toString()), nprocPerNode, work.resolve("logs"),
                out, System.err, Duration.ofMinutes(1));
        if (code != 0 || !Files.isRegularFile(result)) {
            System.err.println("stepdpo: the " + nprocPerNode + "-rank measurement failed (exit code " + code
                    + "); rank logs in " + work.resolve("logs"));
            return code != 0 ? code : 1;
        }
        JsonNode many = JSON.readTree(result.toFile());
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out.printf("device              %s (%s), %d intra-op thread(s) per rank%n", one.device(),
                DeviceFacts.of(resolved).name(), one.threads());
        out.printf("shape               batch %d pairs per rank, %d tokens per row (%d prefix), fp32%n",
                EngineBenchmark.BATCH, EngineBenchmark.SEQUENCE, TrainingBenchmark.PREFIX);
        out.printf("ranks  step-dpo tokens/s  sft tokens/s  dpo step s  peak MiB per rank%n");
        out.printf("%5d  %17.1f  %12.1f  %10.3f  %17.1f%n", 1, one.dpoTokensPerSecond(), one.sftTokensPerSecond(),
                one.dpoStepSeconds(), one.peakMemoryMb());
        out.printf("%5d  %17.1f  %12.1f  %10.3f  %17.1f%n", many.get("ranks").asInt(),
                many.get("dpoTokensPerSecond").asDouble(), many.get("sftTokensPerSecond").asDouble(),
                many.get("dpoStepSeconds").asDouble(), many.get("peakMemoryMb").asDouble());
        out.printf("zero-1              AdamW moments per rank %.1f MiB sharded over %d ranks instead of %.1f MiB "
                        + "(saves %.1f MiB per rank; train --shard-optimizer-state; the timed steps above keep them whole)%n",
                many.get("shardedStateMb").asDouble(), nprocPerNode, many.get("optimizerStateMb").asDouble(),
                many.get("optimizerStateMb").asDouble() - many.get("shardedStateMb").asDouble());
        out.printf("scaling             step-dpo %.2fx, sft %.2fx with %d ranks (ideal %dx); %d cores, load average "
                        + "%.2f before, %.2f after%n",
                many.get("dpoTokensPerSecond").asDouble() / one.dpoTokensPerSecond(),
                many.get("sftTokensPerSecond").asDouble() / one.sftTokensPerSecond(), nprocPerNode, nprocPerNode,
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        return 0;
    }

    private void print(ComputeDevice resolved, TrainingBenchmark r) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("device              %s (%s)%n", r.device(), DeviceFacts.of(resolved).name());
        out.printf("threads             %d%n", r.threads());
        out.printf("shape               batch %d pairs, %d tokens per row (%d prefix), fp32%n",
                EngineBenchmark.BATCH, EngineBenchmark.SEQUENCE, TrainingBenchmark.PREFIX);
        out.printf("step-dpo tokens/s   %.1f   (policy fwd+bwd on 2B rows + reference fwd + AdamW)%n",
                r.dpoTokensPerSecond());
        out.printf("sft tokens/s        %.1f   (fwd+bwd on B rows + AdamW)%n", r.sftTokensPerSecond());
        out.printf("dpo step            %.3f s = %.2f no-grad forwards of the 2B rows (%.3f s each; ideal ~4)%n",
                r.dpoStepSeconds(), r.dpoStepInForwards(), r.forwardSeconds());
        out.printf("peak memory         %.1f MiB%n", r.peakMemoryMb());
    }
}
