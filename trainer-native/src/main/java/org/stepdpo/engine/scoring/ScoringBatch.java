package org.stepdpo.engine.scoring;

import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * prefix + continuation pairs as one left-padded batch: every row ends at the last column, so row b's
 * continuation occupies its last C_b columns.
 *
 * @param inputIds   [B, T] int64
 * @param valid      [B, T] bool, false on padding
 * @param targetMask [B, T-1] float: 1 where column t+1 holds a continuation token (predicted from column t)
 * @param continuationLengths C_b per row
 */
public record ScoringBatch(Tensor inputIds, Tensor valid, Tensor targetMask, int[] continuationLengths) {

    public static ScoringBatch of(List<int[]> prefixes, List<int[]> continuations, Device device) {
        int b = prefixes.size();
        if (continuations.size() != b) {
            throw new IllegalArgumentException(b + " prefixes but " + continuations.size() + " continuations");
        }
        int t = 0;
        for (int r = 0; r < b; r++) {
            if (prefixes.get(r).length == 0 || continuations.get(r).length == 0) {
                throw new IllegalArgumentException("row " + r + ": prefix and continuation need at least one token each");
            }
            t = Math.max(t, prefixes.get(r).length + continuations.get(r).length);
        }
        long[] ids = new long[b * t];
        boolean[] valid = new boolean[b * t];
        float[] target = new float[b * (t - 1)];
        int[] lengths = new int[b];
        for (int r = 0; r < b; r++) {
            int[] prefix = prefixes.get(r);
            int[] cont = continuations.get(r);
            int start = t - prefix.length - cont.length;
            for (int j = 0; j < prefix.length; j++) {
                ids[r * t + start + j] = prefix[j];
                valid[r * t + start + j] = true;
            }
            for (int j = 0; j < cont.length; j++) {
                int col = start + prefix.length + j;
                ids[r * t + col] = cont[j];
                valid[r * t + col] = true;
                target[r * (t - 1) + col - 1] = 1f;
            }
            lengths[r] = cont.length;
        }
        return new ScoringBatch(Tensor.create(ids, b, t).to(device, torch.ScalarType.Long),
                Tensor.create(valid, b, t).to(device, torch.ScalarType.Bool),
                Tensor.create(target, b, t - 1).to(device, torch.ScalarType.Float), lengths);
    }
}
