package org.stepdpo.engine.generation;

import org.bytedeco.pytorch.Tensor;

/** Picks the next token of every sequence in a batch from its logits. */
public interface Sampler {

    /**
     * @param logits   [B, V] fp32
     * @param uniforms one draw in [0, 1) per sequence, from that request's own seeded stream, so a request
     *                 samples the same tokens whatever batch it shares
     * @return next token ids [B] int64
     */
    Tensor sample(Tensor logits, double[] uniforms);

    static Sampler of(SamplingParams params) {
        return params.isGreedy() ? new GreedySampler() : new NucleusSampler(params.temperature(), params.topK(), params.topP());
    }
}
