package org.stepdpo.engine.training.distributed;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * ZeRO stage 1 (Rajbhandari et al. 2020, §5.1, P_os): each parameter's optimiser state lives on one rank, its owner,
 * which alone updates the parameter and then sends it to the others. Owners are assigned in parameter order, each
 * parameter to the rank holding the fewest bytes so far (ties to the lowest rank), so every rank computes the same
 * assignment and the ranks hold about 1/W of the state each.
 */
public final class OptimizerSharding {

    private OptimizerSharding() {
    }

    /** The owner of each tensor, given its size in bytes. */
    public static int[] owners(long[] bytes, int ranks) {
        long[] load = new long[ranks];
        int[] owner = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            int best = 0;
            for (int r = 1; r < ranks; r++) {
                if (load[r] < load[best]) {
                    best = r;
                }
            }
            owner[i] = best;
            load[best] += bytes[i];
        }
        return owner;
    }

    /** Parameter name to owning rank, in the map's order. */
    public static Map<String, Integer> owners(Map<String, Tensor> parameters, int ranks) {
        long[] bytes = parameters.values().stream().mapToLong(Tensor::nbytes).toArray();
        int[] owner = owners(bytes, ranks);
        Map<String, Integer> out = new LinkedHashMap<>();
        int i = 0;
        for (String name : parameters.keySet()) {
            out.put(name, owner[i++]);
        }
        return out;
    }
}
