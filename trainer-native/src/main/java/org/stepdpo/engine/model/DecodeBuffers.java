package org.stepdpo.engine.model;

import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Activations of one decoding step (one new token per sequence), preallocated with the {@link KvCache} they
 * serve so that a step writes every intermediate into place instead of allocating a tensor per operation;
 * at batch 1 the allocations, not the arithmetic, dominated a step. All views are made once, here.
 */
final class DecodeBuffers implements AutoCloseable {

    final Tensor x; // [B, H] residual stream
    final Tensor normed; // [B, H] RMSNorm output
    final Tensor squares; // [B, H] RMSNorm scratch
    final Tensor inverseRms; // [B, 1]
    final Tensor qkv; // [B, (nh + 2 nkv) hd] projections side by side
    final Tensor qProj; // [B, nh hd] view of qkv
    final Tensor kProj; // [B, nkv hd] view of qkv
    final Tensor vProj; // [B, nkv hd] view of qkv
    final Tensor qk; // [B, nh + nkv, 1, hd] view of qkv: the heads RoPE rotates
    final Tensor q4; // [B, nh, 1, hd] view of qk: the query heads before RoPE (Qwen3 normalises them)
    final Tensor k4; // [B, nkv, 1, hd] view of qk: the key heads before RoPE
    final Tensor qkFirst; // [B, nh + nkv, 1, hd/2]
    final Tensor qkSecond; // [B, nh + nkv, 1, hd/2]
    final Tensor v; // [B, nkv, 1, hd] view of qkv
    final Tensor rotated; // [B, nh + nkv, 1, hd]
    final Tensor rotatedFirst; // [B, nh + nkv, 1, hd/2]
    final Tensor rotatedSecond; // [B, nh + nkv, 1, hd/2]
    final Tensor q; // [B, nh, 1, hd] view of rotated
    final Tensor k; // [B, nkv, 1, hd] view of rotated
    final Tensor cos; // [B, hd]
    final Tensor sin; // [B, hd]
    final Tensor cos4; // [B, 1, 1, hd]
    final Tensor sinFirst; // [B, 1, 1, hd/2]
    final Tensor sinSecond; // [B, 1, 1, hd/2]
    final Tensor projected; // [B, H] output of o_proj and down_proj before the residual add
    final Tensor gate; // [B, I]
    final Tensor up; // [B, I]
    final Tensor slot; // [1] int64: the cache slot this step writes
    final Tensor eps; // [1]: a tensor operand costs less per call than a Scalar one, for the same float
    final Tensor width; // [1]: the hidden size, the divisor of the mean of squares
    final Scalar minusOne = new Scalar(-1.0);
    final TensorOptional noMask = new TensorOptional();
    final ScalarTypeOptional sameDtype = new ScalarTypeOptional();
    final long[] lastDim = {-1};
    final DoubleOptional attentionScale;
    private final Tensor[] owned;

    DecodeBuffers(ModelConfig config, int batch, TensorOptions options, TensorOptions longOptions) {
        long b = batch;
        long hidden = config.hiddenSize();
        long hd = config.headDim();
        long half = hd / 2;
        long nh = config.numHeads();
        long nkv = config.numKvHeads();
        x = torch.zeros(new long[] {b, hidden}, options);
        normed = torch.zeros(new long[] {b, hidden}, options);
        squares = torch.zeros(new long[] {b, hidden}, options);
        inverseRms = torch.zeros(new long[] {b, 1}, options);
        qkv = torch.zeros(new long[] {b, (nh + 2 * nkv) * hd}, options);
        qProj = qkv.narrow(1, 0, nh * hd);
        kProj = qkv.narrow(1, nh * hd, nkv * hd);
        vProj = qkv.narrow(1, (nh + nkv) * hd, nkv * hd);
        Tensor heads = qkv.view(b, nh + 2 * nkv, 1, hd); // [B, nh + 2 nkv, 1, hd]
        qk = heads.narrow(1, 0, nh + nkv);
        q4 = qk.narrow(1, 0, nh);
        k4 = qk.narrow(1, nh, nkv);
        qkFirst = qk.narrow(3, 0, half);
        qkSecond = qk.narrow(3, half, half);
        v = heads.narrow(1, nh + nkv, nkv);
        rotated = torch.zeros(new long[] {b, nh + nkv, 1, hd}, options);
        rotatedFirst = rotated.narrow(3, 0, half);
        rotatedSecond = rotated.narrow(3, half, half);
        q = rotated.narrow(1, 0, nh);
        k = rotated.narrow(1, nh, nkv);
        cos = torch.zeros(new long[] {b, hd}, options);
        sin = torch.zeros(new long[] {b, hd}, options);
        cos4 = cos.view(b, 1, 1, hd);
        Tensor sin4 = sin.view(b, 1, 1, hd);
        sinFirst = sin4.narrow(3, 0, half);
        sinSecond = sin4.narrow(3, half, half);
        projected = torch.zeros(new long[] {b, hidden}, options);
        gate = torch.zeros(new long[] {b, config.intermediateSize()}, options);
        up = torch.zeros(new long[] {b, config.intermediateSize()}, options);
        slot = torch.zeros(new long[] {1}, longOptions);
        eps = torch.full(new long[] {1}, new Scalar(config.rmsNormEps()), options);
        width = torch.full(new long[] {1}, new Scalar((double) hidden), options);
        attentionScale = new DoubleOptional(1.0 / Math.sqrt(config.headDim()));
        owned = new Tensor[] {x, normed, squares, inverseRms, qkv, qProj, kProj, vProj, heads, qk, q4, k4, qkFirst, qkSecond, v,
                rotated, rotatedFirst, rotatedSecond, q, k, cos, sin, cos4, sin4, sinFirst, sinSecond, projected, gate,
                up, slot, eps, width};
    }

    @Override
    public void close() {
        for (Tensor t : owned) {
            t.close();
        }
        minusOne.close();
        noMask.close();
        sameDtype.close();
        attentionScale.close();
    }
}
