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
 *
 * <p>Optionally (weight α &gt; 0, default 0 = the paper's loss) an SFT term on the chosen continuation is added,
 * as in RPO (Pang et al. 2024, "Iterative Reasoning Preference Optimization", arXiv 2404.19733):
 * <pre>  L_α = L + α · mean_b( − log πθ(win_b) / |win_b| )  </pre>
 * The DPO loss alone can lower the likelihood of the chosen continuation together with the rejected one; on small
 * models that displaces probability mass onto other answers. The term keeps the chosen one likely.
 */
public final class PreferenceLoss {

    private final double beta;
    private final double sftWeight;

    /** The paper's loss (no SFT term). */
    public PreferenceLoss(double beta) {
        this(beta, 0.0);
    }

    /** @param sftWeight α of the SFT term on the chosen continuation; 0 = the paper's loss */
    public PreferenceLoss(double beta, double sftWeight) {
        if (!(beta > 0)) {
            throw new IllegalArgumentException("beta must be positive, got " + beta);
        }
        if (!(sftWeight >= 0) || Double.isInfinite(sftWeight)) {
            throw new IllegalArgumentException("sft weight must be >= 0, got " + sftWeight);
        }
        this.beta = beta;
        this.sftWeight = sftWeight;
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

    /**
     * Each log-prob argument [B]: summed continuation log-probs (policy ones carry gradients); {@code chosenTokens}
     * [B] float, the number of tokens of each chosen continuation (read only by the SFT term).
     */
    public Output compute(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected,
                          Tensor chosenTokens) {
        Tensor chosenLogRatio = policyChosen.sub(referenceChosen); // [B]
        Tensor rejectedLogRatio = policyRejected.sub(referenceRejected); // [B]
        Tensor logits = chosenLogRatio.sub(rejectedLogRatio).mul(new Scalar(beta)); // [B]
        Tensor loss = torch.log_sigmoid(logits).neg().mean(); // []
        if (sftWeight > 0) {
            Tensor nll = policyChosen.neg().div(chosenTokens.clamp_min(new Scalar(1.0))).mean(); // []
            loss = loss.add(nll.mul(new Scalar(sftWeight)));
        }
        return new Output(loss, chosenLogRatio.detach().mul(new Scalar(beta)),
                rejectedLogRatio.detach().mul(new Scalar(beta)));
    }
}
