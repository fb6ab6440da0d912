package org.stepdpo.engine.model;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.AutoGradMode;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorArrayRefOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * Activation checkpointing of one training forward of a {@link CausalDecoder}, per layer (the C++ API has no
 * torch.utils.checkpoint). The forward runs the layers without autograd and keeps only each layer's input
 * [B, T, H]; the final norm and head run with autograd from the last hidden state made a leaf, so the caller
 * computes its loss from {@link #logits()} as usual. After the loss's backward has reached that leaf,
 * {@link #backward()} recomputes layers L..1 one at a time with autograd, each from its saved input, and
 * backpropagates the incoming gradient through it; parameter gradients accumulate as in one whole backward.
 *
 * <p>Costs one more forward of the layers; holds one layer's activations at a time instead of all of them.
 * The state of the device's random generator is saved before each layer and restored for its recomputation,
 * so LoRA dropout draws the same masks; afterwards the generator is put back where the backward found it, so the
 * next forward draws what it would have drawn without checkpointing.
 */
public final class CheckpointedForward {

    private final CausalDecoder decoder;
    private final Tensor inputIds; // [B, T]
    private final CausalDecoder.LayerInputs layerInputs;
    private final Tensor[] hiddenIn; // per layer [B, T, H], no graph
    private final Tensor[] generatorBefore; // per layer, the generator state its forward started from
    private final Generator generator;
    private final Tensor lastHidden; // [B, T, H] leaf
    private final Tensor logits; // [B, T, V]
    private boolean backwardDone;

    private CheckpointedForward(CausalDecoder decoder, Tensor inputIds, CausalDecoder.LayerInputs layerInputs,
                                Tensor[] hiddenIn, Tensor[] generatorBefore, Generator generator, Tensor lastHidden) {
        this.decoder = decoder;
        this.inputIds = inputIds;
        this.layerInputs = layerInputs;
        this.hiddenIn = hiddenIn;
        this.generatorBefore = generatorBefore;
        this.generator = generator;
        this.lastHidden = lastHidden;
        this.logits = decoder.logits(lastHidden);
    }

    static CheckpointedForward run(CausalDecoder decoder, Tensor inputIds, CausalDecoder.LayerInputs layerInputs) {
        if (!org.bytedeco.pytorch.GradMode.is_enabled()) {
            throw new IllegalStateException("activation checkpointing is for training: grad mode is off");
        }
        int n = decoder.layerCount();
        Tensor[] hiddenIn = new Tensor[n];
        Tensor[] generatorBefore = new Tensor[n];
        Generator generator = torch.globalContext().defaultGenerator(decoder.device().torchDevice());
        Tensor x;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            x = decoder.embed(inputIds); // [B, T, H]
            for (int i = 0; i < n; i++) {
                Tensor input = x;
                int layer = i;
                hiddenIn[i] = input;
                generatorBefore[i] = generator.get_state();
                x = CausalDecoder.keepOnlyResult(
                        () -> decoder.layer(layer, input, layerInputs, null, 0)); // [B, T, H]
            }
        }
        x.requires_grad_(true); // a leaf: the loss's backward stops here and leaves dL/dh_L in its grad
        return new CheckpointedForward(decoder, inputIds, layerInputs, hiddenIn, generatorBefore, generator, x);
    }

    /** Logits [B, T, V], differentiable back to the last hidden state (and the final norm and head). */
    public Tensor logits() {
        return logits;
    }

    /**
     * Completes the backward pass once the loss's backward has run: layer by layer, top down, then the
     * embedding (when it trains). Once only.
     */
    public void backward() {
        if (backwardDone) {
            throw new IllegalStateException("backward() of a checkpointed forward runs once");
        }
        Tensor grad = lastHidden.grad(); // [B, T, H]
        if (!grad.defined()) {
            throw new IllegalStateException("backward() needs the loss's backward first: no gradient reached the "
                    + "last hidden state");
        }
        backwardDone = true;
        Tensor generatorNow = generator.get_state();
        try (AutoGradMode gradOn = new AutoGradMode(true)) {
            for (int i = hiddenIn.length - 1; i >= 0; i--) {
                generator.set_state(generatorBefore[i]);
                Tensor incoming = grad;
                int layer = i;
                grad = CausalDecoder.keepOnlyResult(() -> backwardThroughLayer(layer, incoming)); // [B, T, H]
            }
            if (decoder.embeddingRequiresGrad()) {
                try (PointerScope scope = new PointerScope()) {
                    backward(decoder.embed(inputIds), grad);
                }
            }
        } finally {
            generator.set_state(generatorNow);
        }
    }

    /** Recomputes layer i with autograd, backpropagates dL/d(output) through it; returns dL/d(input). */
    private Tensor backwardThroughLayer(int i, Tensor outputGrad) {
        Tensor input = hiddenIn[i].detach(); // [B, T, H]
        input.requires_grad_(true); // a leaf, whose grad is dL/d(input)
        backward(decoder.layer(i, input, layerInputs, null, 0), outputGrad);
        return input.grad(); // [B, T, H]
    }

    private static void backward(Tensor output, Tensor outputGrad) {
        output.backward(outputGrad, new BoolOptional(), false, new TensorArrayRefOptional());
    }
}
