package org.stepdpo.engine.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.stepdpo.engine.training.data.TokenizedExample;

/**
 * The order in which examples are visited: epoch e is a permutation drawn from Random(seed + e), and the
 * run reads the concatenation of epochs as one stream. A position in that stream is all a checkpoint
 * needs to resume the data exactly.
 */
final class DataOrder {

    private final List<TokenizedExample> examples;
    private final long seed;
    private int cachedEpoch = -1;
    private List<Integer> cachedPermutation;

    DataOrder(List<TokenizedExample> examples, long seed) {
        this.examples = examples;
        this.seed = seed;
    }

    /** The {@code size} examples starting at stream position {@code position}. */
    List<TokenizedExample> batch(long position, int size) {
        List<TokenizedExample> out = new ArrayList<>(size);
        for (long p = position; p < position + size; p++) {
            int epoch = (int) (p / examples.size());
            out.add(examples.get(permutation(epoch).get((int) (p % examples.size()))));
        }
        return out;
    }

    double epochAt(long position) {
        return (double) position / examples.size();
    }

    private List<Integer> permutation(int epoch) {
        if (epoch != cachedEpoch) {
            List<Integer> order = new ArrayList<>(examples.size());
            for (int i = 0; i < examples.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(seed + epoch));
            cachedPermutation = order;
            cachedEpoch = epoch;
        }
        return cachedPermutation;
    }
}
