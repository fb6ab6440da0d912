package org.stepdpo.engine.training;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.CheckpointedForward;
import org.stepdpo.engine.scoring.ScoringBatch;
import org.stepdpo.engine.scoring.SequenceScorer;
import org.stepdpo.engine.training.data.TokenizedExample;
import org.stepdpo.engine.training.loss.PreferenceLoss;
import org.stepdpo.engine.training.loss.SftLoss;

/** The forward half of a micro-batch: the loss (with its graph) and the statistics the metrics need. */
interface ObjectiveStep {

    /**
     * @param loss           differentiable scalar (mean over the micro-batch)
     * @param pairs          pairs in the micro-batch (0 for SFT)
     * @param correct        pairs with r_win &gt; r_lose
     * @param tokens         policy tokens read, padding excluded
     * @param finishBackward what remains of the backward pass after the loss's own (activation checkpointing's
     *                       recomputation of the layers), or nothing
     */
    record Result(Tensor loss, int pairs, double chosenRewardSum, double rejectedRewardSum, int correct,
                  double chosenLogProbSum, double rejectedLogProbSum, long tokens, Runnable finishBackward) {

        /** Gradients of loss / divisor into the trainable tensors. */
        void backward(double divisor) {
            loss.div(new Scalar(divisor)).backward();
            finishBackward.run();
        }
    }

    Result forward(List<TokenizedExample> batch);

    /** Step-DPO and DPO: chosen and rejected through the policy as one batch of 2B rows. */
    static ObjectiveStep preference(CausalDecoder policy, ReferenceLogProbs reference, PreferenceLoss loss,
                                    ComputeDevice device, boolean bf16) {
        return preference(policy, reference, loss, device, bf16, false);
    }

    /** As above; {@code checkpointing} recomputes the policy's layers in the backward pass instead of keeping them. */
    static ObjectiveStep preference(CausalDecoder policy, ReferenceLogProbs reference, PreferenceLoss loss,
                                    ComputeDevice device, boolean bf16, boolean checkpointing) {
        PolicyForward forward = new PolicyForward(policy, device, bf16, checkpointing);
        return batch -> {
            int b = batch.size();
            ScoringBatch rows = ExampleBatches.pairs(batch, device.torchDevice());
            PolicyForward.Scored scored = forward.tokenLogProbs(rows);
            Tensor sums = scored.perToken().sum(1); // [2B]
            Tensor policyChosen = sums.narrow(0, 0, b); // [B]
            Tensor policyRejected = sums.narrow(0, b, b); // [B]
            Tensor[] ref = reference.of(batch); // [B], [B]
            Tensor chosenTokens = rows.targetMask().narrow(0, 0, b).sum(1); // [B]
            PreferenceLoss.Output out = loss.compute(policyChosen, policyRejected, ref[0], ref[1], chosenTokens);
            long correct = torch.gt(out.chosenRewards(), out.rejectedRewards()).sum().item_long();
            return new Result(out.loss(), b, out.chosenRewards().sum().item_double(),
                    out.rejectedRewards().sum().item_double(), (int) correct,
                    policyChosen.detach().sum().item_double(), policyRejected.detach().sum().item_double(),
                    ExampleBatches.tokens(rows), scored.finishBackward());
        };
    }

    /** SFT: completions through the policy, cross-entropy on their tokens. */
    static ObjectiveStep sft(CausalDecoder policy, ComputeDevice device, boolean bf16) {
        return sft(policy, device, bf16, false);
    }

    /** As above; {@code checkpointing} recomputes the policy's layers in the backward pass instead of keeping them. */
    static ObjectiveStep sft(CausalDecoder policy, ComputeDevice device, boolean bf16, boolean checkpointing) {
        PolicyForward forward = new PolicyForward(policy, device, bf16, checkpointing);
        SftLoss loss = new SftLoss();
        return batch -> {
            ScoringBatch rows = ExampleBatches.completions(batch, device.torchDevice());
            PolicyForward.Scored scored = forward.tokenLogProbs(rows);
            Tensor perToken = scored.perToken(); // [B, T-1]
            Tensor l = loss.compute(perToken, rows.targetMask());
            return new Result(l, 0, 0, 0, 0, perToken.detach().sum().item_double(), 0, ExampleBatches.tokens(rows),
                    scored.finishBackward());
        };
    }

    /** The policy's per-token log-probs of a batch, under autocast, whole or with activation checkpointing. */
    record PolicyForward(CausalDecoder policy, ComputeDevice device, boolean bf16, boolean checkpointing) {

        /** perToken [B, T-1] with its graph; finishBackward runs after the loss's backward. */
        record Scored(Tensor perToken, Runnable finishBackward) {
        }

        Scored tokenLogProbs(ScoringBatch rows) {
            try (Autocast autocast = Autocast.enter(device, bf16)) {
                if (!checkpointing) {
                    return new Scored(new SequenceScorer(policy).tokenLogProbs(rows), () -> { });
                }
                CheckpointedForward f = policy.forwardPaddedCheckpointed(rows.inputIds(), rows.valid());
                Runnable recompute = () -> {
                    try (Autocast again = Autocast.enter(device, bf16)) { // the recomputation casts as the forward did
                        f.backward();
                    }
                };
                return new Scored(SequenceScorer.tokenLogProbs(rows, f.logits()), recompute);
            }
        }
    }
}
