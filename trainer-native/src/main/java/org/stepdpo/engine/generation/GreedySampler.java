package org.stepdpo.engine.generation;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** The most likely token (ties: the lowest id, as torch.argmax). */
public final class GreedySampler implements Sampler {

    @Override
    public Tensor sample(Tensor logits, double[] uniforms) {
        return torch.argmax(logits, new org.bytedeco.pytorch.LongOptional(-1), false); // [B]
    }
}
