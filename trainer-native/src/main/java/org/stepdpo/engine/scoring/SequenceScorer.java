package org.stepdpo.engine.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.model.CausalDecoder;

/** Log-probabilities of continuations given prefixes, prefix tokens masked out. */
public final class SequenceScorer {

    private final CausalDecoder model;

    public SequenceScorer(CausalDecoder model) {
        this.model = model;
    }

    /**
     * Per-position log-probabilities [B, T-1] (zero outside continuations), differentiable when grad mode
     * is on; {@code .sum(1)} gives log π(continuation | prefix) per row.
     */
    public Tensor tokenLogProbs(ScoringBatch batch) {
        return tokenLogProbs(batch, model.forwardPadded(batch.inputIds(), batch.valid()));
    }

    /** As {@link #tokenLogProbs(ScoringBatch)}, from the batch's logits [B, T, V] computed elsewhere. */
    public static Tensor tokenLogProbs(ScoringBatch batch, Tensor logits) {
        long b = batch.inputIds().size(0);
        long t = batch.inputIds().size(1);
        Tensor logProbs = torch.log_softmax(logits.narrow(1, 0, t - 1).to(torch.ScalarType.Float), -1); // [B, T-1, V]
        Tensor targets = batch.inputIds().narrow(1, 1, t - 1).reshape(b, t - 1, 1); // [B, T-1, 1]
        Tensor picked = logProbs.gather(2, targets).view(b, t - 1); // [B, T-1]
        return picked.mul(batch.targetMask());
    }

    /** Scores a batch without building a graph. */
    public List<ContinuationScore> score(List<int[]> prefixes, List<int[]> continuations) {
        List<ContinuationScore> scores = new ArrayList<>(prefixes.size());
        try (InferenceMode inference = new InferenceMode(); PointerScope scope = new PointerScope()) {
            ScoringBatch batch = ScoringBatch.of(prefixes, continuations, model.device().torchDevice());
            Tensor perToken = tokenLogProbs(batch).cpu().contiguous(); // [B, T-1]
            int cols = (int) perToken.size(1);
            FloatPointer data = new FloatPointer(perToken.data_ptr());
            for (int r = 0; r < prefixes.size(); r++) {
                int c = batch.continuationLengths()[r];
                float[] row = new float[c];
                data.position((long) r * cols + cols - c).get(row);
                double sum = 0;
                for (float v : row) {
                    sum += v;
                }
                scores.add(new ContinuationScore(sum, row, Arrays.copyOf(continuations.get(r), c)));
            }
        }
        return scores;
    }
}
