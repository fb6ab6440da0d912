package org.stepdpo.engine.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Finds tensors holding NaN or ±Inf. Such weights give NaN logits without a word, and once saved they look
 * like any other checkpoint; so reading refuses them, writing refuses them and training stops when a step
 * makes them.
 *
 * <p>Cost: one {@code sum()} per tensor on the tensor's own device (a single fused pass, no temporary), the
 * sums gathered there and tested with a single host sync; no element crosses into Java. A NaN or ±Inf makes
 * its tensor's sum non-finite, so finite sums prove the tensors finite. A non-finite sum can also come from
 * finite values that overflow when added (|w| near 1e38), so only then is each suspect tensor tested
 * element by element ({@code isfinite().all()}, several passes), as is counting what is wrong.
 */
public final class NonFiniteValues {

    private NonFiniteValues() {
    }

    /** Names of the tensors with a NaN or ±Inf, in map order; empty when every value is finite. */
    public static List<String> find(Map<String, Tensor> tensors) {
        if (tensors.isEmpty()) {
            return List.of();
        }
        try (NoGradGuard noGrad = new NoGradGuard(); PointerScope scope = new PointerScope()) {
            TensorVector sums = new TensorVector();
            for (Tensor t : tensors.values()) {
                sums.push_back(t.sum()); // [] (0-d)
            }
            Tensor finiteSums = torch.isfinite(torch.stack(sums)); // [n] bool (stack promotes mixed dtypes)
            if (finiteSums.all().item_bool()) {
                return List.of();
            }
            byte[] ok = new byte[tensors.size()];
            new BytePointer(finiteSums.to(torch.ScalarType.Byte).cpu().contiguous().data_ptr()).get(ok);
            List<String> bad = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                if (ok[i++] == 0 && !torch.isfinite(e.getValue()).all().item_bool()) {
                    bad.add(e.getKey());
                }
            }
            return bad;
        }
    }

    /**
     * The first non-finite tensor with its counts, e.g. {@code tensor "w" holds 1 NaN and 0 infinite values
     * (of 1536)}, plus how many more tensors are affected; null when all are finite.
     */
    public static String describe(Map<String, Tensor> tensors) {
        List<String> bad = find(tensors);
        if (bad.isEmpty()) {
            return null;
        }
        Tensor t = tensors.get(bad.get(0));
        long nan;
        long inf;
        try (NoGradGuard noGrad = new NoGradGuard(); PointerScope scope = new PointerScope()) {
            nan = torch.isnan(t).count_nonzero().item_long();
            inf = torch.isinf(t).count_nonzero().item_long();
        }
        return "tensor \"" + bad.get(0) + "\" holds " + nan + " NaN and " + inf + " infinite values (of " + t.numel()
                + ")" + (bad.size() > 1 ? ", as do " + (bad.size() - 1) + " more tensors" : "");
    }
}
