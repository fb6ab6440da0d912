package org.stepdpo.engine.training;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.scoring.ScoringBatch;
import org.stepdpo.engine.scoring.SequenceScorer;
import org.stepdpo.engine.training.data.TokenizedExample;
import org.stepdpo.engine.training.distributed.DataParallel;

/** log πref of a batch's chosen and rejected continuations, without gradients. */
interface ReferenceLogProbs {

    /** {chosen [B], rejected [B]} on the training device (fp32). */
    Tensor[] of(List<TokenizedExample> batch);

    /**
     * The reference computed by a decoder: a frozen copy of the starting model, or the policy itself with
     * its LoRA adapters switched off between {@code before} and {@code after}.
     */
    static ReferenceLogProbs live(CausalDecoder model, ComputeDevice device, boolean bf16, Runnable before,
                                  Runnable after) {
        SequenceScorer scorer = new SequenceScorer(model);
        return batch -> {
            before.run();
            try (NoGradGuard noGrad = new NoGradGuard(); Autocast autocast = Autocast.enter(device, bf16)) {
                ScoringBatch rows = ExampleBatches.pairs(batch, device.torchDevice());
                Tensor sums = scorer.tokenLogProbs(rows).sum(1); // [2B]
                int b = batch.size();
                return new Tensor[] {sums.narrow(0, 0, b), sums.narrow(0, b, b)}; // [B], [B]
            } finally {
                after.run();
            }
        };
    }

    /** Every example's reference log-probs computed once, in one pass, then looked up by example index. */
    static ReferenceLogProbs precomputed(List<TokenizedExample> examples, ReferenceLogProbs live, int batchSize,
                                         ComputeDevice device) {
        return precomputed(examples, live, batchSize, device, DataParallel.single());
    }

    /**
     * As above with the pass shared by the ranks: rank r scores the chunks r, r + W, r + 2W, ... and a sum over the
     * ranks (each value comes from exactly one rank, the others add 0) gives every rank the whole table.
     */
    static ReferenceLogProbs precomputed(List<TokenizedExample> examples, ReferenceLogProbs live, int batchSize,
                                         ComputeDevice device, DataParallel group) {
        double[] chosen = new double[examples.size()];
        double[] rejected = new double[examples.size()];
        for (int from = group.rank() * batchSize; from < examples.size(); from += batchSize * group.worldSize()) {
            List<TokenizedExample> chunk = examples.subList(from, Math.min(examples.size(), from + batchSize));
            try (PointerScope scope = new PointerScope()) {
                Tensor[] ref = live.of(chunk);
                for (int i = 0; i < chunk.size(); i++) {
                    chosen[chunk.get(i).index()] = ref[0].get(i).item_double();
                    rejected[chunk.get(i).index()] = ref[1].get(i).item_double();
                }
            }
        }
        if (group.worldSize() > 1) {
            double[] both = new double[2 * examples.size()];
            System.arraycopy(chosen, 0, both, 0, chosen.length);
            System.arraycopy(rejected, 0, both, chosen.length, rejected.length);
            double[] summed = group.sum(both, "the precomputed reference log-probs");
            System.arraycopy(summed, 0, chosen, 0, chosen.length);
            System.arraycopy(summed, chosen.length, rejected, 0, rejected.length);
        }
        return batch -> {
            double[] c = batch.stream().mapToDouble(e -> chosen[e.index()]).toArray();
            double[] r = batch.stream().mapToDouble(e -> rejected[e.index()]).toArray();
            return new Tensor[] {Tensor.create(c).to(device.torchDevice(), org.bytedeco.pytorch.global.torch.ScalarType.Float),
                    Tensor.create(r).to(device.torchDevice(), org.bytedeco.pytorch.global.torch.ScalarType.Float)};
        };
    }
}
