package org.stepdpo.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stepdpo.engine.TinyModels;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.training.lora.LoraAdapters;
import org.stepdpo.engine.training.lora.LoraConfig;

class LoraAdaptersTest {

    private static final long[] IDS = {3, 14, 15, 9, 2, 6, 5, 35};

    @BeforeAll
    static void load() {
        NativeTorch.ensureLoaded();
    }

    private static float[] logits(CausalDecoder model) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            return TinyModels.toArray(model.forward(TinyModels.ids(IDS, 2)));
        }
    }

    @Test
    void atInitialisationTheLogitsAreUnchangedAndMergingEqualsBasePlusAdapters() {
        LoraConfig config = new LoraConfig(4, 8, 0.0, List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
                "up_proj", "down_proj"));
        for (var shape : List.of(TinyModels.qwen2(), TinyModels.llama(), TinyModels.qwen3(), TinyModels.llama31(),
                TinyModels.mistral())) {
            try (CausalDecoder model = TinyModels.build(shape, 13)) {
                float[] base = logits(model);
                LoraAdapters lora = LoraAdapters.attach(model, config, 7);
                assertThat(logits(model)).containsExactly(base, within(0f));
                try (NoGradGuard noGrad = new NoGradGuard()) { // a trained state: B no longer zero
                    torch.manual_seed(1);
                    lora.parameters().forEach((name, t) -> t.add_(torch.randn(t.sizes().vec().get()).mul_(new Scalar(0.1))));
                }
                float[] adapted = logits(model);
                assertThat(maxAbsDiff(adapted, base)).isGreaterThan(1e-3f);
                lora.setEnabled(false);
                assertThat(logits(model)).as("adapters off = the base model").containsExactly(base, within(0f));
                lora.setEnabled(true);
                var merged = lora.mergedStateDict();
                try (CausalDecoder copy = CausalDecoder.fromTensors(shape, merged, model.device(), model.precision(), "merged")) {
                    assertThat(logits(copy)).containsExactly(adapted, within(2e-5f));
                }
                lora.mergeIntoBase();
                assertThat(logits(model)).containsExactly(adapted, within(2e-5f));
            }
        }
    }

    @Test
    void rejectsUnknownTargetsAndMismatchedSavedAdapters() {
        assertThatThrownBy(() -> new LoraConfig(4, 8, 0, List.of("qkv"))).hasMessageContaining("unknown LoRA target 'qkv'");
        try (CausalDecoder model = TinyModels.build(TinyModels.qwen2(), 2);
             LoraAdapters lora = LoraAdapters.attach(model, new LoraConfig(2, 4, 0, List.of("q_proj")), 1)) {
            assertThat(lora.parameters()).hasSize(2 * model.config().numLayers());
            Tensor someTensor = torch.zeros(2, 2);
            assertThatThrownBy(() -> lora.load(java.util.Map.of("x", someTensor), "ckpt"))
                    .hasMessageContaining("ckpt").hasMessageContaining("do not match");
        }
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
