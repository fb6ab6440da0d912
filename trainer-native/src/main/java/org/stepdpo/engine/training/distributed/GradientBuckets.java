package org.stepdpo.engine.training.distributed;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups gradients into buckets of at most {@code capBytes} (a single larger gradient is a bucket of its own), in
 * parameter order, so that one all-reduce carries many small tensors (LoRA adapters, norms, biases) instead of one
 * call each; PyTorch's DDP does the same with 25 MiB buckets.
 */
public final class GradientBuckets {

    /** PyTorch DDP's default bucket_cap_mb. */
    public static final long DEFAULT_CAP_BYTES = 25L << 20;

    private GradientBuckets() {
    }

    /** Indices of the tensors of each bucket, given each tensor's size in bytes and its dtype's name. */
    public static List<List<Integer>> plan(long[] bytes, String[] dtypes, long capBytes) {
        List<List<Integer>> buckets = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long filled = 0;
        for (int i = 0; i < bytes.length; i++) {
            boolean dtypeChanges = !current.isEmpty() && !dtypes[current.get(0)].equals(dtypes[i]);
            if (!current.isEmpty() && (dtypeChanges || filled + bytes[i] > capBytes)) {
                buckets.add(current);
                current = new ArrayList<>();
                filled = 0;
            }
            current.add(i);
            filled += bytes[i];
        }
        if (!current.isEmpty()) {
            buckets.add(current);
        }
        return buckets;
    }
}
