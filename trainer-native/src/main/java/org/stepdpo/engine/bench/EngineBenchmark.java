package org.stepdpo.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.DeviceFacts;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.engine.generation.SamplingParams;
import org.stepdpo.engine.generation.StopCheck;
import org.stepdpo.engine.generation.TokenGenerator;
import org.stepdpo.engine.model.Architecture;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.ModelConfig;

/**
 * {@code stepdpo bench engine}: the shape of ../shared/bench/anchor_torch_bench.py (vocab 512, hidden 256,
 * 4 layers, 8 heads, 4 KV heads, intermediate 704, Qwen2 biases), measured the same way: train step =
 * fp32 forward + cross-entropy + backward + AdamW on batch 4 × 255 tokens (2 warm-up, 5 timed steps);
 * greedy generation from 32-token prompts for 128 new tokens at batch 1 and 8 (1 warm-up, 1 timed run).
 */
public final class EngineBenchmark {

    public static final ModelConfig SHAPE = new ModelConfig(Architecture.QWEN2, 512, 256, 704, 4, 8, 4, 32, 1e-6,
            10000.0, 2048, false, true, false, false, -1, List.of(), 0.02);
    public static final int SEQUENCE = 256;
    public static final int BATCH = 4;
    public static final int PROMPT = 32;
    public static final int NEW_TOKENS = 128;

    /**
     * @param threads               intra-op threads libtorch used
     * @param trainTokensPerSecond  (batch × (seq − 1) × steps) / seconds
     * @param generationBatch1      new tokens per second at batch 1
     * @param generationBatch8      new tokens per second at batch 8 (all rows counted)
     * @param longGenerationTokens  new tokens of each long generation used for the memory check
     * @param rssBeforeBytes        resident set before the long generations
     * @param rssAfterFirstBytes    after the first long generation
     * @param rssAfterSecondBytes   after a second identical one: equal to the first within noise when nothing leaks
     */
    public record Result(String device, int threads, long parameters, double trainTokensPerSecond,
                         double generationBatch1, double generationBatch8, int longGenerationTokens,
                         long rssBeforeBytes, long rssAfterFirstBytes, long rssAfterSecondBytes) {
    }

    private EngineBenchmark() {
    }

    public static Result run(ComputeDevice device, int threads, int longGenerationTokens) {
        NativeTorch.ensureLoaded();
        if (threads > 0) {
            torch.set_num_threads(threads);
        }
        torch.manual_seed(0);
        try (CausalDecoder model = CausalDecoder.randomInit(SHAPE, 0, device, Precision.FP32)) {
            double train = trainTokensPerSecond(model, device);
            double gen1 = generationTokensPerSecond(model, 1);
            double gen8 = generationTokensPerSecond(model, 8);
            TokenGenerator generator = new TokenGenerator(model);
            List<int[]> prompt = prompts(1, 99);
            SamplingParams longRun = SamplingParams.greedy(longGenerationTokens);
            generator.generate(prompt, new long[] {0}, SamplingParams.greedy(64), Set.of(), StopCheck.NEVER);
            System.gc();
            long before = DeviceFacts.residentSetBytes();
            generator.generate(prompt, new long[] {0}, longRun, Set.of(), StopCheck.NEVER);
            long afterFirst = DeviceFacts.residentSetBytes();
            generator.generate(prompt, new long[] {0}, longRun, Set.of(), StopCheck.NEVER);
            long afterSecond = DeviceFacts.residentSetBytes();
            return new Result(device.toString(), torch.get_num_threads(), model.parameterCount(), train, gen1, gen8,
                    longGenerationTokens, before, afterFirst, afterSecond);
        }
    }

    private static double trainTokensPerSecond(CausalDecoder model, ComputeDevice device) {
        model.requiresGrad(true);
        TensorVector params = new TensorVector(model.parameters().toArray(new Tensor[0]));
        try (AdamW optimizer = new AdamW(params, new AdamWOptions(1e-4))) {
            Tensor ids = torch.randint(SHAPE.vocabSize(), new long[] {BATCH, SEQUENCE})
                    .to(device.torchDevice(), torch.ScalarType.Long); // [B, S]
            Tensor inputs = ids.narrow(1, 0, SEQUENCE - 1); // [B, S-1]
            Tensor targets = ids.narrow(1, 1, SEQUENCE - 1).reshape(-1); // [B*(S-1)]
            Runnable step = () -> {
                try (PointerScope scope = new PointerScope()) {
                    Tensor logits = model.forward(inputs).reshape(-1, SHAPE.vocabSize()); // [B*(S-1), V]
                    Tensor loss = torch.cross_entropy_loss(logits, targets);
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                }
            };
            for (int i = 0; i < 2; i++) {
                step.run();
            }
            synchronize(device);
            int steps = 5;
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step.run();
            }
            synchronize(device);
            double seconds = (System.nanoTime() - start) / 1e9;
            return steps * BATCH * (SEQUENCE - 1) / seconds;
        } finally {
            model.requiresGrad(false);
        }
    }

    private static double generationTokensPerSecond(CausalDecoder model, int batch) {
        TokenGenerator generator = new TokenGenerator(model);
        List<int[]> prompts = prompts(batch, batch);
        long[] seeds = new long[batch];
        SamplingParams params = SamplingParams.greedy(NEW_TOKENS);
        generator.generate(prompts, seeds, params, Set.of(), StopCheck.NEVER);
        synchronize(model.device());
        long start = System.nanoTime();
        generator.generate(prompts, seeds, params, Set.of(), StopCheck.NEVER);
        synchronize(model.device());
        return batch * NEW_TOKENS / ((System.nanoTime() - start) / 1e9);
    }

    private static List<int[]> prompts(int batch, long seed) {
        Random random = new Random(seed);
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            prompts.add(random.ints(PROMPT, 0, SHAPE.vocabSize()).toArray());
        }
        return prompts;
    }

    private static void synchronize(ComputeDevice device) {
        if (device.isCuda()) {
            torch.cuda_synchronize();
        }
    }
}
