package org.stepdpo.engine.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.bench.EngineBenchmark;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.training.data.TokenizedExample;
import org.stepdpo.engine.training.distributed.C10dGroup;
import org.stepdpo.engine.training.distributed.DataParallel;
import org.stepdpo.engine.training.distributed.GradientBuckets;
import org.stepdpo.engine.training.distributed.OptimizerSharding;
import org.stepdpo.engine.training.distributed.Rendezvous;
import org.stepdpo.engine.training.loss.PreferenceLoss;
import org.stepdpo.engine.training.optim.AdamW;
import org.stepdpo.engine.training.optim.GradientClipping;

/**
 * {@code stepdpo bench train}: full training steps on the engine benchmark's shape ({@link EngineBenchmark#SHAPE},
 * sequences of {@link EngineBenchmark#SEQUENCE} tokens, batch {@link EngineBenchmark#BATCH}). A Step-DPO step
 * reads B pairs = 2B rows of prefix + step (the policy forward and backward, and the frozen reference's forward);
 * an SFT step reads B rows. Both are compared with a plain no-grad forward of the same 2B rows: a DPO step
 * ideally costs about four of them (reference forward 1, policy forward 1, backward ≈ 2).
 *
 * @param dpoTokensPerSecond   policy tokens (2B rows, padding excluded) per second of Step-DPO steps
 * @param sftTokensPerSecond   tokens per second of SFT steps on B rows of the same length
 * @param forwardSeconds       one no-grad forward of the 2B rows
 * @param dpoStepSeconds       one Step-DPO optimiser step
 * @param peakMemoryMb         peak resident set (CPU) or device memory in use (CUDA) after the runs, of this rank
 * @param ranks                data-parallel ranks: each reads its own B pairs per step and the gradients are averaged
 *                             over the ranks before clipping (tokens/s counts all ranks' tokens)
 * @param optimizerStateMb     AdamW moments of full fine-tuning held by each rank (the timed steps keep them whole)
 * @param shardedStateMb       the same with the state sharded over the ranks (ZeRO-1): the largest rank's share, as
 *                             {@link OptimizerSharding} assigns it
 */
public record TrainingBenchmark(String device, int threads, double dpoTokensPerSecond, double sftTokensPerSecond,
                                double forwardSeconds, double dpoStepSeconds, double peakMemoryMb, int ranks,
                                double optimizerStateMb, double shardedStateMb) {

    public static final int PREFIX = EngineBenchmark.SEQUENCE / 2;

    /** How many no-grad forwards of the same rows one DPO step costs. */
    public double dpoStepInForwards() {
        return dpoStepSeconds / forwardSeconds;
    }

    public static TrainingBenchmark run(ComputeDevice device, int threads, int steps) {
        return run(device, threads, steps, DataParallel.single());
    }

    /** One rank of a data-parallel measurement (every rank calls it; all get the same step times). */
    public static TrainingBenchmark run(ComputeDevice device, int threads, int steps, Rendezvous rendezvous) {
        NativeTorch.ensureLoaded();
        if (device.isCuda()) {
            device = C10dGroup.deviceOfRank(rendezvous);
        }
        try (DataParallel group = C10dGroup.join(rendezvous, device, GradientBuckets.DEFAULT_CAP_BYTES)) {
            return run(device, threads, steps, group);
        }
    }

    private static TrainingBenchmark run(ComputeDevice device, int threads, int steps, DataParallel group) {
        NativeTorch.ensureLoaded();
        if (threads > 0) {
            torch.set_num_threads(threads);
        }
        int b = EngineBenchmark.BATCH;
        List<TokenizedExample> pairs = pairs(b, 1 + group.rank());
        try (CausalDecoder policy = CausalDecoder.randomInit(EngineBenchmark.SHAPE, 0, device, Precision.FP32);
             CausalDecoder reference = CausalDecoder.randomInit(EngineBenchmark.SHAPE, 0, device, Precision.FP32)) {
            ReferenceLogProbs ref = ReferenceLogProbs.live(reference, device, false, () -> { }, () -> { });
            double forward = time(device, steps, () -> ref.of(pairs));
            policy.requiresGrad(true);
            AdamW optimizer = new AdamW(policy.stateDict(), AdamW.Options.defaults(0.0));
            ObjectiveStep dpo = ObjectiveStep.preference(policy, ref, new PreferenceLoss(0.4), device, false);
            double dpoStep = time(device, steps, () -> trainStep(dpo, pairs, optimizer, group));
            ObjectiveStep sft = ObjectiveStep.sft(policy, device, false);
            double sftStep = time(device, steps, () -> trainStep(sft, pairs, optimizer, group));
            long pairTokens = pairs.stream().mapToLong(TokenizedExample::tokenCount).sum();
            long sftTokens = pairs.stream().mapToLong(e -> e.prefix().length + e.chosen().length).sum();
            // every rank reads as many tokens (pairs of the same lengths), so the group reads ranks × as many per step
            int ranks = group.worldSize();
            long[] stateBytes = policy.stateDict().values().stream().mapToLong(t -> 2 * t.nbytes()).toArray();
            int[] owners = OptimizerSharding.owners(stateBytes, ranks);
            long[] perRank = new long[ranks];
            for (int i = 0; i < owners.length; i++) {
                perRank[owners[i]] += stateBytes[i];
            }
            double mib = 1 << 20;
            return new TrainingBenchmark(device.toString(), torch.get_num_threads(), ranks * pairTokens / dpoStep,
                    ranks * sftTokens / sftStep, forward, dpoStep, new MemoryGauge(device).peakMb(), ranks,
                    optimizer.stateBytes() / mib, java.util.Arrays.stream(perRank).max().orElse(0) / mib);
        }
    }

    private static void trainStep(ObjectiveStep objective, List<TokenizedExample> batch, AdamW optimizer,
                                  DataParallel group) {
        optimizer.zeroGrad();
        objective.forward(batch).backward(1);
        group.averageGradients(optimizer.parameters());
        GradientClipping.clip(optimizer.parameters(), 1.0);
        optimizer.step(1e-4);
    }

    /** Mean seconds of {@code steps} timed runs after one warm-up run. */
    private static double time(ComputeDevice device, int steps, Runnable work) {
        double total = 0;
        for (int i = 0; i <= steps; i++) {
            try (PointerScope scope = new PointerScope()) {
                long t0 = System.nanoTime();
                work.run();
                if (device.isCuda()) {
                    torch.cuda_synchronize();
                }
                if (i > 0) {
                    total += (System.nanoTime() - t0) / 1e9;
                }
            }
        }
        return total / steps;
    }

    /** B pairs of random tokens: a {@link #PREFIX}-token prefix and two continuations filling the sequence. */
    static List<TokenizedExample> pairs(int count, long seed) {
        Random r = new Random(seed);
        int vocab = EngineBenchmark.SHAPE.vocabSize();
        int rest = EngineBenchmark.SEQUENCE - PREFIX;
        List<TokenizedExample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new TokenizedExample(i, i + 1, r.ints(PREFIX, 0, vocab).toArray(), r.ints(rest, 0, vocab).toArray(),
                    r.ints(rest, 0, vocab).toArray()));
        }
        return out;
    }
}
