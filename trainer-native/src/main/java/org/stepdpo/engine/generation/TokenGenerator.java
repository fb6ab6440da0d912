package org.stepdpo.engine.generation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.model.AttentionMasks;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.KvCache;

/**
 * Batched autoregressive generation over token ids: left-padded prompts, one prefill, then one decoder
 * call per new token writing into a preallocated KV cache. Only the B sampled ids cross into Java per step.
 */
public final class TokenGenerator {

    /** ATen runs an element-wise operation on fewer elements than this inline, on the calling thread. */
    private static final long ATEN_PARALLEL_GRAIN = 32_768;

    private final CausalDecoder model;

    public TokenGenerator(CausalDecoder model) {
        this.model = model;
    }

    /**
     * @param prompts   token ids per request (each non-empty)
     * @param seeds     one seed per request: its sampling draws come from its own stream
     * @param params    sampling parameters shared by the batch
     * @param eosIds    tokens that end a sequence
     * @param stopCheck called after every new token of a still-running request
     */
    public List<GeneratedTokens> generate(List<int[]> prompts, long[] seeds, SamplingParams params, Set<Integer> eosIds,
                                          StopCheck stopCheck) {
        int b = prompts.size();
        if (b == 0) {
            return List.of();
        }
        if (seeds.length != b) {
            throw new IllegalArgumentException(b + " prompts but " + seeds.length + " seeds");
        }
        int p = prompts.stream().mapToInt(a -> a.length).max().orElse(0);
        if (prompts.stream().anyMatch(a -> a.length == 0)) {
            throw new IllegalArgumentException("every prompt needs at least one token");
        }
        int maxNew = params.maxNewTokens();
        int capacity = p + maxNew;
        boolean padded = prompts.stream().anyMatch(a -> a.length != p);
        Sampler sampler = Sampler.of(params);
        SplittableRandom[] streams = new SplittableRandom[b];
        for (int i = 0; i < b; i++) {
            streams[i] = new SplittableRandom(seeds[i]);
        }
        int[][] out = new int[b][maxNew];
        int[] counts = new int[b];
        FinishReason[] reasons = new FinishReason[b];
        int running = b;

        long[] ids = new long[b * p];
        boolean[] valid = new boolean[b * capacity];
        for (int r = 0; r < b; r++) {
            int[] prompt = prompts.get(r);
            int pad = p - prompt.length;
            for (int j = 0; j < prompt.length; j++) {
                ids[r * p + pad + j] = prompt[j];
                valid[r * capacity + pad + j] = true;
            }
            Arrays.fill(valid, r * capacity + p, (r + 1) * capacity, true);
        }
        TensorOptions onDevice = new TensorOptions(torch.ScalarType.Long)
                .device(new DeviceOptional(model.device().torchDevice()));
        try (InferenceMode inference = new InferenceMode();
             PointerScope outer = new PointerScope();
             KvCache cache = model.newCache(b, capacity)) {
            Tensor slotValid = Tensor.create(valid, b, capacity).to(model.device().torchDevice(), torch.ScalarType.Bool); // [B, C]
            Tensor promptIds = Tensor.create(ids, b, p).to(model.device().torchDevice(), torch.ScalarType.Long); // [B, P]
            Tensor promptValid = slotValid.narrow(1, 0, p); // [B, P]
            Tensor positions = AttentionMasks.positions(promptValid); // [B, P]
            Tensor nextPosition = positions.narrow(1, p - 1, 1).add(new Scalar(1L)); // [B, 1]
            Tensor next = torch.empty(new long[] {b, 1}, onDevice, new org.bytedeco.pytorch.MemoryFormatOptional()); // [B, 1]
            Tensor lastLogits = torch.empty(new long[] {b, model.config().vocabSize()},
                    new TensorOptions(torch.ScalarType.Float).device(new DeviceOptional(model.device().torchDevice())),
                    new org.bytedeco.pytorch.MemoryFormatOptional()); // [B, V]
            try (PointerScope step = new PointerScope()) {
                Tensor mask = padded ? AttentionMasks.causal(promptValid, p) : null; // [B, 1, P, P]
                Tensor logits = model.forward(promptIds, positions, mask, cache, 0); // [B, P, V]
                lastLogits.copy_(logits.select(1, p - 1));
            }
            double[] uniforms = new double[b];
            int threadsBefore = torch.get_num_threads();
            int decodeThreads = decodeThreads(b, threadsBefore);
            torch.set_num_threads(decodeThreads);
            try {
                for (int s = 0; s < maxNew && running > 0; s++) {
                    try (PointerScope step = new PointerScope()) {
                        for (int r = 0; r < b; r++) {
                            uniforms[r] = streams[r].nextDouble();
                        }
                        Tensor sampled = sampler.sample(lastLogits, uniforms).to(torch.ScalarType.Long); // [B]
                        next.copy_(sampled.view(b, 1));
                        Tensor onCpu = sampled.cpu().contiguous();
                        LongPointer data = new LongPointer(onCpu.data_ptr());
                        for (int r = 0; r < b; r++) {
                            if (reasons[r] != null) {
                                continue;
                            }
                            int token = (int) data.get(r);
                            if (eosIds.contains(token)) {
                                reasons[r] = FinishReason.EOS;
                            } else {
                                out[r][counts[r]++] = token;
                                if (stopCheck.shouldStop(r, out[r], counts[r])) {
                                    reasons[r] = FinishReason.STOP;
                                } else if (counts[r] == maxNew) {
                                    reasons[r] = FinishReason.LENGTH;
                                }
                            }
                            if (reasons[r] != null) {
                                running--;
                            }
                        }
                        if (running == 0 || s == maxNew - 1) {
                            break;
                        }
                        long slots = p + s + 1;
                        Tensor mask = padded ? slotValid.narrow(1, 0, slots).view(b, 1, 1, slots) : null; // [B, 1, 1, S]
                        Tensor logits = model.forward(next, nextPosition, mask, cache, p + s); // [B, 1, V]
                        lastLogits.copy_(logits.select(1, 0));
                        nextPosition.add_(new Scalar(1L));
                    }
                }
            } finally {
                torch.set_num_threads(threadsBefore);
            }
        }
        List<GeneratedTokens> results = new ArrayList<>(b);
        for (int r = 0; r < b; r++) {
            results.add(new GeneratedTokens(Arrays.copyOf(out[r], counts[r]),
                    reasons[r] == null ? FinishReason.LENGTH : reasons[r]));
        }
        return results;
    }

    /**
     * Intra-op threads for the one-token steps of {@code rows} sequences on the CPU: one while every
     * element-wise operation of a step stays under ATen's parallel grain, since those then run inline anyway
     * (and OpenBLAS GEMMs are single-threaded here), so further threads only add OpenMP hand-offs to the few
     * parallel kernels such as SDPA; on a busy 2-core machine those hand-offs made batch-1 decoding 9x slower
     * (73 vs 644 tok/s at load 11). Larger batches keep the configured count.
     */
    private int decodeThreads(int rows, int configured) {
        long widest = Math.max(model.config().hiddenSize(), model.config().intermediateSize());
        return !model.device().isCuda() && rows * widest < ATEN_PARALLEL_GRAIN ? 1 : configured;
    }
}
