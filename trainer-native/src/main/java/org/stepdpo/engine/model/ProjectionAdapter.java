package org.stepdpo.engine.model;

import org.bytedeco.pytorch.Tensor;

/**
 * A trainable addition to one linear projection of a {@link CausalDecoder} (e.g. LoRA's B·A·x): the decoder
 * computes {@code W·x + b + delta(x)}. Returning null adds nothing, which lets an adapter be switched off
 * without being removed (the reference model of LoRA training is the base with adapters off).
 */
@FunctionalInterface
public interface ProjectionAdapter {

    /** The addition for input x [..., in] as [..., out], or null for none. */
    Tensor delta(Tensor input);
}
