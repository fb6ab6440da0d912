package org.stepdpo.engine.training.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.checkpoint.CheckpointException;

/**
 * AdamW (Loshchilov &amp; Hutter 2019) exactly as torch.optim.AdamW computes it, written out so that its
 * state is plain named tensors a checkpoint can hold. Norm weights and biases get no weight decay, as in
 * Hugging Face's Trainer.
 *
 * <p>With an ownership predicate (ZeRO stage 1) this optimiser keeps moments for, and updates, only the parameters it
 * owns; the caller sends each updated parameter from its owner to the other ranks.
 */
public final class AdamW {

    /** Hyper-parameters; the learning rate comes per step from the schedule. */
    public record Options(double beta1, double beta2, double eps, double weightDecay) {
        public static Options defaults(double weightDecay) {
            return new Options(0.9, 0.999, 1e-8, weightDecay);
        }
    }

    /** expAvg and expAvgSq are null for a parameter another rank owns. */
    private record Slot(String name, Tensor param, boolean decay, Tensor expAvg, Tensor expAvgSq) {
        boolean owned() {
            return expAvg != null;
        }
    }

    private final Options options;
    private final List<Slot> slots = new ArrayList<>();
    private long step;

    public AdamW(Map<String, Tensor> parameters, Options options) {
        this(parameters, options, name -> true);
    }

    /** Moments and updates for the parameters {@code owned} accepts only. */
    public AdamW(Map<String, Tensor> parameters, Options options, Predicate<String> owned) {
        this.options = options;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            parameters.forEach((name, p) -> slots.add(owned.test(name)
                    ? new Slot(name, p, decays(name, p), torch.zeros_like(p), torch.zeros_like(p))
                    : new Slot(name, p, decays(name, p), null, null)));
        }
    }

    /** Bytes of the moments this optimiser holds (2 × its parameters' bytes; less when sharded). */
    public long stateBytes() {
        return slots.stream().filter(Slot::owned).mapToLong(s -> 2 * s.param().nbytes()).sum();
    }

    /** No decay on biases and on norm weights (every 1-D tensor of these models is one of them). */
    public static boolean decays(String name, Tensor p) {
        return !(name.endsWith(".bias") || name.contains("norm") || p.dim() < 2);
    }

    public long stepCount() {
        return step;
    }

    public List<Tensor> parameters() {
        return slots.stream().map(Slot::param).toList();
    }

    /**
     * One update with learning rate {@code lr} from the gradients accumulated in {@code .grad()}.
     *
     * @throws ArithmeticException before changing anything, when the step size lr / (1 - beta1^t) or the
     *                             decay factor 1 - lr * weight_decay lies beyond fp32 (libtorch would refuse
     *                             the scalar mid-update)
     */
    public void step(double lr) {
        double bias1 = 1 - Math.pow(options.beta1(), step + 1);
        double bias2 = 1 - Math.pow(options.beta2(), step + 1);
        double decay = 1 - lr * options.weightDecay();
        if (!(Math.abs(lr / bias1) <= Float.MAX_VALUE && Math.abs(decay) <= Float.MAX_VALUE)) {
            throw new ArithmeticException("learning rate " + lr + " gives AdamW step " + (step + 1) + " a step size of "
                    + lr / bias1 + " and a decay factor of " + decay + ", beyond fp32's range");
        }
        step++;
        try (NoGradGuard noGrad = new NoGradGuard(); PointerScope scope = new PointerScope()) {
            for (Slot s : slots) {
                Tensor g = s.param().grad();
                if (!s.owned() || !g.defined()) {
                    continue;
                }
                if (s.decay() && options.weightDecay() > 0) {
                    s.param().mul_(new Scalar(decay));
                }
                s.expAvg().lerp_(g, new Scalar(1 - options.beta1()));
                s.expAvgSq().mul_(new Scalar(options.beta2())).addcmul_(g, g, new Scalar(1 - options.beta2()));
                Tensor denom = s.expAvgSq().sqrt().div_(new Scalar(Math.sqrt(bias2))).add_(new Scalar(options.eps()));
                s.param().addcdiv_(s.expAvg(), denom, new Scalar(-lr / bias1));
            }
        }
    }

    /** Clears the gradients before the next accumulation. */
    public void zeroGrad() {
        try (PointerScope scope = new PointerScope()) {
            for (Slot s : slots) {
                Tensor g = s.param().grad();
                if (g.defined()) {
                    g.zero_();
                }
            }
        }
    }

    /** Moment estimates as {@code exp_avg.NAME} / {@code exp_avg_sq.NAME} (live tensors) of the owned parameters. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Slot s : slots) {
            if (s.owned()) {
                out.put("exp_avg." + s.name(), s.expAvg());
                out.put("exp_avg_sq." + s.name(), s.expAvgSq());
            }
        }
        return out;
    }

    /**
     * Every parameter's moments in {@link #state()}'s layout: the owned ones live, the others as zero tensors for the
     * caller to fill from their owners (in parameter order).
     */
    public Map<String, Tensor> stateWithPlaceholders() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (Slot s : slots) {
                out.put("exp_avg." + s.name(), s.owned() ? s.expAvg() : torch.zeros_like(s.param()));
                out.put("exp_avg_sq." + s.name(), s.owned() ? s.expAvgSq() : torch.zeros_like(s.param()));
            }
        }
        return out;
    }

    /** Restores {@link #state()} and the step count saved with it. */
    public void load(Map<String, Tensor> saved, long stepCount, String source) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (Slot s : slots) {
                Tensor m = saved.get("exp_avg." + s.name());
                Tensor v = saved.get("exp_avg_sq." + s.name());
                if (m == null || v == null) {
                    throw new CheckpointException(source + ": no optimizer state for parameter '" + s.name() + "'");
                }
                if (!s.owned()) {
                    continue;
                }
                s.expAvg().copy_(m);
                s.expAvgSq().copy_(v);
            }
        }
        if (saved.size() != 2 * slots.size()) {
            throw new CheckpointException(source + ": optimizer state has " + saved.size() / 2
                    + " parameters, this run trains " + slots.size());
        }
        this.step = stepCount;
    }
}
