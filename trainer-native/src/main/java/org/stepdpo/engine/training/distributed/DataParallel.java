package org.stepdpo.engine.training.distributed;

import java.util.Collection;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * The collectives data-parallel training needs, over the ranks of one run. Every rank calls the same methods in the
 * same order; a rank that dies or stops answering makes the call fail on the others within the rendezvous timeout
 * with a {@link RankFailureException} naming it.
 */
public interface DataParallel extends AutoCloseable {

    int rank();

    int worldSize();

    /** Rank 0: the one that writes metrics, checkpoints and the final model. */
    default boolean isMain() {
        return rank() == 0;
    }

    /** Replaces each parameter's gradient by its mean over the ranks (flattened into buckets, one all-reduce each). */
    void averageGradients(List<Tensor> parameters);

    /** The element-wise sum of {@code values} over the ranks. */
    double[] sum(double[] values, String what);

    /** Copies rank 0's values into these tensors on every rank. */
    default void broadcastFromMain(Collection<Tensor> tensors, String what) {
        broadcastFrom(0, tensors, what);
    }

    /** Copies rank {@code root}'s values into these tensors on every rank. */
    void broadcastFrom(int root, Collection<Tensor> tensors, String what);

    /** Returns when every rank has reached it. */
    void barrier(String what);

    @Override
    void close();

    /** One process: every collective is the identity. */
    static DataParallel single() {
        return Single.INSTANCE;
    }

    /** The one-process group. */
    final class Single implements DataParallel {
        static final Single INSTANCE = new Single();

        private Single() {
        }

        @Override
        public int rank() {
            return 0;
        }

        @Override
        public int worldSize() {
            return 1;
        }

        @Override
        public void averageGradients(List<Tensor> parameters) {
        }

        @Override
        public double[] sum(double[] values, String what) {
            return values.clone();
        }

        @Override
        public void broadcastFrom(int root, Collection<Tensor> tensors, String what) {
        }

        @Override
        public void barrier(String what) {
        }

        @Override
        public void close() {
        }
    }
}
