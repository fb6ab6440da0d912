package org.stepdpo.engine.device;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Child-process entry point of {@link NativeTorchLoadingTest}: load, compute, print. */
public final class NativeTorchProbe {

    private NativeTorchProbe() {
    }

    public static void main(String[] args) {
        NativeTorch.ensureLoaded();
        Tensor x = torch.arange(new org.bytedeco.pytorch.Scalar(6L)).to(torch.ScalarType.Float).view(2, 3);
        float trace = x.matmul(x.t()).trace().item_float(); // 0+1+4 + 9+16+25
        System.out.println("probe-ok " + trace + " " + String.join(":", NativeTorch.loadedLibraryPaths()));
    }
}
