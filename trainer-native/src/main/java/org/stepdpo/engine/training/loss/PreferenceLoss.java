package org.stepdpo.engine.training.loss;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The Step-DPO loss, docs/METHOD.md "Objective" (Lai et al. 2024, arXiv 2406.18629):
 *
 * <pre>
 *   L(θ) = − E[ log σ( β·log πθ(s_win | x, s1..s(k-1)) / πref(s_win | x, s1..s(k-1))
 *                    − β·log πθ(s_lose | x, s1..s(k-1)) / πref(s_lose | x, s1..s(k-1)) ) ]
 * </pre>
 *
 * which is DPO's loss (Rafailov et al. 2023, eq. 7) with steps in place of whole answers; vanilla DPO passes
 * whole answers and no step prefix. Rewards as in METHOD.md: r = β·(log πθ − log πref).
 */
public final class PreferenceLoss {

    private final double beta;

    public PreferenceLoss(double beta) {
        if (!(beta > 0)) {
            throw new IllegalArgumentException("beta must be positive, got " + beta);
        }
        this.beta = beta;
    }

    public double beta() {
        return beta;
    }

    /**
     * @param loss            mean over the B pairs, differentiable
     * @param chosenRewards   [B] β·(log πθ(win) − log πref(win)), detached
     * @param rejectedRewards [B] β·(log πθ(lose) − log πref(lose)), detached
     */
    public record Output(Tensor loss, Tensor chosenRewards, Tensor rejectedRewards) {
    }

    /** Each argument [B]: summed continuation log-probs (policy ones carry gradients). */
    public Output compute(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected) {
        Tensor chosenLogRatio = policyChosen.sub(referenceChosen); // [B]
        Tensor rejectedLogRatio = policyRejected.sub(referenceRejected); // [B]
        Tensor logits = chosenLogRatio.sub(rejectedLogRatio).mul(new Scalar(beta)); // [B]
        Tensor loss = torch.log_sigmoid(logits).neg().mean(); // []
        return new Output(loss, chosenLogRatio.detach().mul(new Scalar(beta)),
                rejectedLogRatio.detach().mul(new Scalar(beta)));
    }
}
