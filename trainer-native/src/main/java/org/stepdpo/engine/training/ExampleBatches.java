package org.stepdpo.engine.training;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.stepdpo.engine.scoring.ScoringBatch;
import org.stepdpo.engine.training.data.TokenizedExample;

/** Padded batches of examples (left padding, prefix tokens masked: {@link ScoringBatch}). */
final class ExampleBatches {

    private ExampleBatches() {
    }

    /** B pairs as 2B rows: rows 0..B-1 score the chosen continuations, rows B..2B-1 the rejected ones. */
    static ScoringBatch pairs(List<TokenizedExample> batch, Device device) {
        List<int[]> prefixes = new ArrayList<>(2 * batch.size());
        List<int[]> continuations = new ArrayList<>(2 * batch.size());
        for (TokenizedExample e : batch) {
            prefixes.add(e.prefix());
            continuations.add(e.chosen());
        }
        for (TokenizedExample e : batch) {
            prefixes.add(e.prefix());
            continuations.add(e.rejected());
        }
        return ScoringBatch.of(prefixes, continuations, device);
    }

    /** B completions as B rows. */
    static ScoringBatch completions(List<TokenizedExample> batch, Device device) {
        return ScoringBatch.of(batch.stream().map(TokenizedExample::prefix).toList(),
                batch.stream().map(TokenizedExample::chosen).toList(), device);
    }

    /** Real (non-padding) tokens of a batch. */
    static long tokens(ScoringBatch batch) {
        return batch.valid().sum().item_long();
    }
}
