package org.stepdpo.engine.generation;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Temperature, then top-k, then top-p (the order of transformers' logits warpers), then inverse-CDF
 * sampling with the caller's uniform draws.
 */
public final class NucleusSampler implements Sampler {

    private final double temperature;
    private final int topK;
    private final double topP;

    public NucleusSampler(double temperature, int topK, double topP) {
        if (temperature <= 0) {
            throw new IllegalArgumentException("temperature must be > 0 for sampling, got " + temperature);
        }
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
    }

    @Override
    public Tensor sample(Tensor logits, double[] uniforms) {
        long b = logits.size(0);
        long v = logits.size(1);
        Tensor probs = torch.softmax(logits.div(new Scalar(temperature)), -1); // [B, V]
        T_TensorTensor_T sorted = torch.sort(probs, -1, true);
        Tensor sortedProbs = sorted.get0(); // [B, V] descending
        Tensor order = sorted.get1(); // [B, V] token ids
        Tensor keep = torch.ones(new long[] {b, v}, new TensorOptions(torch.ScalarType.Bool)
                .device(new org.bytedeco.pytorch.DeviceOptional(logits.device()))); // [B, V]
        if (topK > 0 && topK < v) {
            keep.narrow(1, topK, v - topK).fill_(new Scalar(0L));
        }
        if (topP < 1) {
            Tensor massBefore = torch.cumsum(sortedProbs, 1).sub(sortedProbs); // [B, V]
            keep = torch.logical_and(keep, torch.lt(massBefore, new Scalar(topP)));
        }
        Tensor kept = sortedProbs.masked_fill(keep.logical_not(), new Scalar(0.0)); // [B, V]
        Tensor cdf = torch.cumsum(kept, 1); // [B, V]
        Tensor total = cdf.narrow(1, v - 1, 1); // [B, 1]
        Tensor u = Tensor.create(uniforms).to(logits.device(), torch.ScalarType.Float).view(b, 1).mul(total); // [B, 1]
        Tensor rank = torch.searchsorted(cdf, u, false, true, new org.bytedeco.pytorch.StringViewOptional(),
                new org.bytedeco.pytorch.TensorOptional()); // [B, 1]
        rank = torch.clamp_max(rank, new Scalar(v - 1));
        return order.gather(1, rank).view(b); // [B]
    }
}
