package org.stepdpo.engine.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.bench.EngineBenchmark;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.ModelConfig;
import org.stepdpo.engine.training.data.TokenizedExample;
import org.stepdpo.engine.training.loss.PreferenceLoss;
import org.stepdpo.engine.training.optim.AdamW;

/**
 * Peak memory of Step-DPO steps with and without activation checkpointing, one mode per process (the peak
 * resident set only grows): {@code CheckpointingMemoryProbe on|off SEQUENCE PAIRS STEPS [DEVICE [LAYERS]]} on the
 * engine benchmark's shape, or that shape with LAYERS layers. Prints the peak before training (models and data), after the steps, seconds per step (the
 * first, warm-up, step not timed) and the first and last losses.
 */
public final class CheckpointingMemoryProbe {

    private CheckpointingMemoryProbe() {
    }

    public static void main(String[] args) {
        boolean checkpointing = args[0].equals("on");
        int sequence = Integer.parseInt(args[1]);
        int pairCount = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        NativeTorch.ensureLoaded();
        ComputeDevice device = DeviceChoice.parse(args.length > 4 ? args[4] : "cpu").resolve();
        ModelConfig shape = args.length > 5 ? withLayers(EngineBenchmark.SHAPE, Integer.parseInt(args[5]))
                : EngineBenchmark.SHAPE;
        List<TokenizedExample> pairs = pairs(pairCount, sequence);
        MemoryGauge memory = new MemoryGauge(device);
        try (CausalDecoder policy = CausalDecoder.randomInit(shape, 0, device, Precision.FP32);
             CausalDecoder reference = CausalDecoder.randomInit(shape, 0, device, Precision.FP32)) {
            ReferenceLogProbs ref = ReferenceLogProbs.live(reference, device, false, () -> { }, () -> { });
            policy.requiresGrad(true);
            AdamW optimizer = new AdamW(policy.stateDict(), AdamW.Options.defaults(0.0));
            ObjectiveStep dpo = ObjectiveStep.preference(policy, ref, new PreferenceLoss(0.4), device, false,
                    checkpointing);
            double before = memory.peakMb();
            double seconds = 0;
            double[] losses = new double[steps];
            for (int s = 0; s < steps; s++) {
                long t0 = System.nanoTime();
                try (PointerScope scope = new PointerScope()) {
                    optimizer.zeroGrad();
                    ObjectiveStep.Result r = dpo.forward(pairs);
                    losses[s] = r.loss().item_double();
                    r.backward(1);
                    optimizer.step(1e-4);
                    if (device.isCuda()) {
                        torch.cuda_synchronize();
                    }
                }
                seconds += s == 0 ? 0 : (System.nanoTime() - t0) / 1e9;
                memory.peakMb();
            }
            System.out.printf("checkpointing=%s device=%s layers=%d sequence=%d pairs=%d: peak before %.0f MB, after %d steps "
                            + "%.0f MB, %.2f s/step, loss %.6f .. %.6f%n", checkpointing ? "on" : "off", device,
                    shape.numLayers(), sequence, pairCount, before, steps, memory.peakMb(), seconds / Math.max(1, steps - 1), losses[0],
                    losses[steps - 1]);
        }
    }

    private static ModelConfig withLayers(ModelConfig c, int layers) {
        return new ModelConfig(c.architecture(), c.vocabSize(), c.hiddenSize(), c.intermediateSize(), layers,
                c.numHeads(), c.numKvHeads(), c.headDim(), c.rmsNormEps(), c.ropeTheta(), c.maxPositionEmbeddings(),
                c.tieWordEmbeddings(), c.attentionBias(), c.outputBias(), c.mlpBias(), c.bosTokenId(),
                c.eosTokenIds(), c.initializerRange());
    }

    /** Pairs of random tokens: a prefix of half the sequence and two continuations filling the rest. */
    private static List<TokenizedExample> pairs(int count, int sequence) {
        Random r = new Random(1);
        int vocab = EngineBenchmark.SHAPE.vocabSize();
        int prefix = sequence / 2;
        List<TokenizedExample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new TokenizedExample(i, i + 1, r.ints(prefix, 0, vocab).toArray(),
                    r.ints(sequence - prefix, 0, vocab).toArray(), r.ints(sequence - prefix, 0, vocab).toArray()));
        }
        return out;
    }
}
