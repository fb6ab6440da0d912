package org.stepdpo.engine.training.loss;

import org.bytedeco.pytorch.Tensor;

/**
 * Supervised fine-tuning: the cross-entropy of the completion tokens alone, averaged over them,
 * <pre>  L(θ) = − (1 / Σ_b |y_b|) · Σ_b Σ_t log πθ(y_b,t | x_b, y_b,&lt;t)  </pre>
 * (prompt tokens are masked out, as Hugging Face's label −100).
 */
public final class SftLoss {

    /**
     * @param tokenLogProbs [B, T-1] log πθ of each target token, zero outside completions
     * @param targetMask    [B, T-1] 1 on completion targets
     */
    public Tensor compute(Tensor tokenLogProbs, Tensor targetMask) {
        return tokenLogProbs.sum().neg().div(targetMask.sum()); // []
    }
}
