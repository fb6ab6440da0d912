package org.stepdpo.engine.training.optim;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/** torch.nn.utils.clip_grad_norm_: the global L2 norm of all gradients, scaled down to maxNorm when above. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** Returns the norm before clipping; {@code maxNorm <= 0} only measures it. */
    public static double clip(List<Tensor> parameters, double maxNorm) {
        try (NoGradGuard noGrad = new NoGradGuard(); PointerScope scope = new PointerScope()) {
            TensorVector norms = new TensorVector();
            for (Tensor p : parameters) {
                Tensor g = p.grad();
                if (g.defined()) {
                    norms.push_back(torch.linalg_vector_norm(g.to(torch.ScalarType.Float)).reshape(1)); // [1]
                }
            }
            if (norms.empty()) {
                return 0;
            }
            double total = torch.linalg_vector_norm(torch.cat(norms)).item_double();
            double coefficient = maxNorm / (total + 1e-6);
            if (maxNorm > 0 && coefficient < 1) {
                for (Tensor p : parameters) {
                    Tensor g = p.grad();
                    if (g.defined()) {
                        g.mul_(new Scalar(coefficient));
                    }
                }
            }
            return total;
        }
    }
}
