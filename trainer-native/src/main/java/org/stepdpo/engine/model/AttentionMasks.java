package org.stepdpo.engine.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Boolean attention masks (true = may attend) and position ids for padded batches.
 *
 * <p>A padding query would otherwise see no key at all, and a fully masked softmax row is NaN; letting each
 * query see its own slot keeps every row finite (padding rows are never read as results).
 */
public final class AttentionMasks {

    private AttentionMasks() {
    }

    /** Position ids from a validity mask [B, T] (bool): 0 at each row's first real token, padding clamped to 0. */
    public static Tensor positions(Tensor valid) {
        Tensor counts = torch.cumsum(valid.to(torch.ScalarType.Long), 1); // [B, T]
        return torch.clamp_min(counts.sub(new org.bytedeco.pytorch.Scalar(1L)), new org.bytedeco.pytorch.Scalar(0L));
    }

    /**
     * Mask for T queries at slots S-T..S-1 over S key slots whose validity is keyValid [B, S]:
     * causal, real keys only, plus the diagonal. Returns [B, 1, T, S].
     */
    public static Tensor causal(Tensor keyValid, long queries) {
        long s = keyValid.size(1);
        TensorOptions longs = new TensorOptions(torch.ScalarType.Long).device(new org.bytedeco.pytorch.DeviceOptional(keyValid.device()));
        Tensor keyIdx = torch.arange(new org.bytedeco.pytorch.Scalar(0L), new org.bytedeco.pytorch.Scalar(s), longs).view(1, s); // [1, S]
        Tensor queryIdx = torch.arange(new org.bytedeco.pytorch.Scalar(s - queries), new org.bytedeco.pytorch.Scalar(s), longs)
                .view(queries, 1); // [T, 1]
        Tensor causal = torch.le(keyIdx, queryIdx); // [T, S]
        Tensor self = torch.eq(keyIdx, queryIdx); // [T, S]
        Tensor allowed = torch.logical_and(causal.view(1, 1, queries, s), keyValid.view(keyValid.size(0), 1, 1, s)); // [B, 1, T, S]
        return torch.logical_or(allowed, self.view(1, 1, queries, s));
    }
}
