package org.stepdpo.engine.training;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.scoring.ScoringBatch;
import org.stepdpo.engine.scoring.SequenceScorer;
import org.stepdpo.engine.training.data.TokenizedExample;
import org.stepdpo.engine.training.loss.PreferenceLoss;
import org.stepdpo.engine.training.loss.SftLoss;

/** The forward half of a micro-batch: the loss (with its graph) and the statistics the metrics need. */
interface ObjectiveStep {

    /**
     * @param loss         differentiable scalar (mean over the micro-batch)
     * @param pairs        pairs in the micro-batch (0 for SFT)
     * @param correct      pairs with r_win &gt; r_lose
     * @param tokens       policy tokens read, padding excluded
     */
    record Result(Tensor loss, int pairs, double chosenRewardSum, double rejectedRewardSum, int correct,
                  double chosenLogProbSum, double rejectedLogProbSum, long tokens) {
    }

    Result forward(List<TokenizedExample> batch);

    /** Step-DPO and DPO: chosen and rejected through the policy as one batch of 2B rows. */
    static ObjectiveStep preference(CausalDecoder policy, ReferenceLogProbs reference, PreferenceLoss loss,
                                    ComputeDevice device, boolean bf16) {
        SequenceScorer scorer = new SequenceScorer(policy);
        return batch -> {
            int b = batch.size();
            ScoringBatch rows = ExampleBatches.pairs(batch, device.torchDevice());
            Tensor sums;
            try (Autocast autocast = Autocast.enter(device, bf16)) {
                sums = scorer.tokenLogProbs(rows).sum(1); // [2B]
            }
            Tensor policyChosen = sums.narrow(0, 0, b); // [B]
            Tensor policyRejected = sums.narrow(0, b, b); // [B]
            Tensor[] ref = reference.of(batch); // [B], [B]
            PreferenceLoss.Output out = loss.compute(policyChosen, policyRejected, ref[0], ref[1]);
            long correct = torch.gt(out.chosenRewards(), out.rejectedRewards()).sum().item_long();
            return new Result(out.loss(), b, out.chosenRewards().sum().item_double(),
                    out.rejectedRewards().sum().item_double(), (int) correct,
                    policyChosen.detach().sum().item_double(), policyRejected.detach().sum().item_double(),
                    ExampleBatches.tokens(rows));
        };
    }

    /** SFT: completions through the policy, cross-entropy on their tokens. */
    static ObjectiveStep sft(CausalDecoder policy, ComputeDevice device, boolean bf16) {
        SequenceScorer scorer = new SequenceScorer(policy);
        SftLoss loss = new SftLoss();
        return batch -> {
            ScoringBatch rows = ExampleBatches.completions(batch, device.torchDevice());
            Tensor perToken;
            try (Autocast autocast = Autocast.enter(device, bf16)) {
                perToken = scorer.tokenLogProbs(rows); // [B, T-1]
            }
            Tensor l = loss.compute(perToken, rows.targetMask());
            return new Result(l, 0, 0, 0, 0, perToken.detach().sum().item_double(), 0, ExampleBatches.tokens(rows));
        };
    }
}
