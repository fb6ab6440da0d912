package org.stepdpo.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.stepdpo.engine.TinyModels;

/**
 * Compares the libtorch decoder with an independent pure-Java, double-precision forward pass written
 * from the Hugging Face definitions (explicit softmax attention, repeat_kv, rotate_half RoPE, Qwen3's per-head
 * q/k RMSNorm, Llama 3.1's and linear RoPE scaling), at positions from 0 and at positions far into the context
 * (the engine takes any RoPE positions). The error is measured per position: max |libtorch - reference| over the
 * vocabulary / max |reference| there.
 *
 * <p>RoPE angles: transformers holds inv_freq and position·inv_freq in fp32, and at position 10^4 and beyond the
 * fp32 rounding of an angle (up to ~5e-4 rad) is larger than any other difference; the reference rounds the
 * frequency and the angle to fp32 as transformers does (everything else in double), so that it measures the model,
 * not the angle format. The exact-angle error is printed beside it.
 */
class ReferenceForwardTest {

    private static final long[] TOKENS = {3, 17, 42, 0, 88, 9, 9, 61, 25, 7, 1};
    /** Factor on the q and k projections: see {@link #sharpenAttention}. */
    private static final double SHARPEN = 10;

    @Test
    void qwen2WithBiasesGqaAndTiedHeadMatchesReference() {
        assertMatchesReference(TinyModels.qwen2(), 0, 1e-5);
    }

    @Test
    void llamaWithoutBiasesUntiedHeadAndOddRopeMatchesReference() {
        assertMatchesReference(TinyModels.llama(), 0, 1e-5);
    }

    @Test
    void qwen3WithQkNormsAndAnExplicitHeadDimMatchesReference() {
        ModelConfig qwen3 = TinyModels.qwen3();
        assertThat(qwen3.headDim()).isNotEqualTo(qwen3.hiddenSize() / qwen3.numHeads());
        assertMatchesReference(qwen3, 0, 1e-5);
        assertMatchesReference(qwen3, 30_000, 1e-4);
    }

    @Test
    void qwen3WithAttentionBiasPutsBiasesOnQkvAndOutputAndMatchesReference() {
        ModelConfig biased = ModelConfig.fromJson(TinyModels.configTree("qwen3-tiny.json").put("attention_bias", true));
        assertThat(biased.expectedTensorShapes()).containsKeys("model.layers.0.self_attn.q_proj.bias",
                "model.layers.0.self_attn.o_proj.bias").doesNotContainKey("model.layers.0.mlp.up_proj.bias");
        assertMatchesReference(biased, 0, 1e-5);
    }

    @Test
    void llama31WithLlama3RopeScalingMatchesReferenceBeforeAcrossAndFarBeyondTheOriginal8192Positions() {
        ModelConfig llama31 = TinyModels.llama31();
        assertThat(llama31.ropeScaling().type()).isEqualTo(RopeScaling.Type.LLAMA3);
        assertMatchesReference(llama31, 0, 1e-5);
        assertMatchesReference(llama31, 8_187, 1e-4); // positions 8187..8197 cross 8192
        assertMatchesReference(llama31, 120_000, 1e-4);
    }

    @Test
    void qwen3WithYarnAsQwenRecommendsItMatchesReferenceNearAndFarBeyondTheOriginalContext() {
        ModelConfig yarn = TinyModels.qwen3().withRopeScaling(RopeScaling.yarn(4.0, 32_768), 131_072);
        assertMatchesReference(yarn, 0, 1e-5);
        assertMatchesReference(yarn, 32_760, 1e-4);
        assertMatchesReference(yarn, 100_000, 1e-4);
    }

    @Test
    void mistralWithAnExplicitHeadDimMatchesReference() {
        ModelConfig mistral = TinyModels.mistral();
        assertThat(mistral.attentionBias()).isFalse();
        assertMatchesReference(mistral, 0, 1e-5);
        assertMatchesReference(mistral, 20_000, 1e-4);
    }

    @Test
    void linearRopeScalingMatchesReference() {
        ModelConfig linear = TinyModels.llama().withRopeScaling(RopeScaling.linear(4.0), 16_384);
        assertMatchesReference(linear, 0, 1e-5);
        assertMatchesReference(linear, 12_000, 1e-4);
    }

    @Test
    void r1DistillQwenConfigMatchesReference() {
        ModelConfig r1 = TinyModels.r1DistillQwen();
        assertThat(r1.architecture()).isEqualTo(Architecture.QWEN2);
        assertThat(r1.attentionBias()).isTrue();
        assertMatchesReference(r1, 0, 1e-5);
        assertMatchesReference(r1, 5_000, 1e-4);
    }

    @org.junit.jupiter.api.BeforeAll
    static void loadTorch() {
        org.stepdpo.engine.device.NativeTorch.ensureLoaded();
    }

    private static void assertMatchesReference(ModelConfig config, int firstPosition, double tolerance) {
        try (NoGradGuard noGrad = new NoGradGuard(); CausalDecoder model = TinyModels.build(config, 11)) {
            sharpenAttention(model);
            long[] positions = new long[TOKENS.length];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = firstPosition + i;
            }
            float[] actual = TinyModels.toArray(model.forward(TinyModels.ids(TOKENS, 1), TinyModels.ids(positions, 1),
                    null, null, 0)); // [1, T, V]
            Map<String, double[]> weights = new HashMap<>();
            model.stateDict().forEach((name, t) -> {
                float[] f = TinyModels.toArray(t);
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                weights.put(name, d);
            });
            double[] errors = relativeErrors(actual, new ReferenceDecoder(config, weights, true).logits(TOKENS, firstPosition));
            double[] exactAngle = relativeErrors(actual,
                    new ReferenceDecoder(config, weights, false).logits(TOKENS, firstPosition));
            System.out.printf("%s positions %d..%d: max relative error %.2e (exact angles: %.2e)%n",
                    config.architecture().modelType() + "/" + config.ropeScaling().type(), firstPosition,
                    firstPosition + TOKENS.length - 1, max(errors), max(exactAngle));
            for (int t = 0; t < errors.length; t++) {
                assertThat(errors[t]).as("position %d: max |libtorch - reference| / max |reference|", firstPosition + t)
                        .isLessThan(tolerance);
            }
        }
    }

    /**
     * Scales the q and k projections up so that attention scores are of order 1 to 10. At the initialisation's std
     * of 0.02 they are near 0 and attention near uniform over the keys, whatever RoPE does: a wrong frequency would
     * hardly show in the logits. (Qwen3's q/k norms give it such scores anyway.) With it, computing Llama 3.1's
     * frequencies as default ones gives 1e-3, and a YaRN ramp shifted by one dimension 5.5e-3.
     */
    private static void sharpenAttention(CausalDecoder model) {
        model.stateDict().forEach((name, t) -> {
            if (name.endsWith("q_proj.weight") || name.endsWith("k_proj.weight")) {
                t.mul_(new org.bytedeco.pytorch.Scalar(SHARPEN));
            }
        });
    }

    /** Per position: max |actual - expected| / max |expected| over the vocabulary. */
    private static double[] relativeErrors(float[] actual, double[][] expected) {
        int v = expected[0].length;
        double[] out = new double[expected.length];
        for (int t = 0; t < expected.length; t++) {
            double maxAbs = 0;
            double maxRef = 0;
            for (int j = 0; j < v; j++) {
                maxAbs = Math.max(maxAbs, Math.abs(actual[t * v + j] - expected[t][j]));
                maxRef = Math.max(maxRef, Math.abs(expected[t][j]));
            }
            assertThat(maxRef).isGreaterThan(0.01);
            out[t] = maxAbs / maxRef;
        }
        return out;
    }

    private static double max(double[] a) {
        return java.util.Arrays.stream(a).max().orElseThrow();
    }

    /**
     * The reference: plain loops in double precision, one sequence at positions {@code first..}, no cache.
     * {@code fp32Angles}: round inv_freq and each angle to fp32, as transformers computes them.
     */
    private record ReferenceDecoder(ModelConfig c, Map<String, double[]> w, boolean fp32Angles) {

        double[][] logits(long[] tokens, int first) {
            int t = tokens.length;
            int h = c.hiddenSize();
            double[][] x = new double[t][];
            for (int i = 0; i < t; i++) {
                x[i] = slice(w.get("model.embed_tokens.weight"), (int) tokens[i] * h, h);
            }
            for (int l = 0; l < c.numLayers(); l++) {
                String p = "model.layers." + l + ".";
                double[][] q = new double[t][];
                double[][] k = new double[t][];
                double[][] v = new double[t][];
                for (int i = 0; i < t; i++) {
                    double[] n = rmsNorm(x[i], w.get(p + "input_layernorm.weight"));
                    q[i] = rope(headNorm(linear(n, p + "self_attn.q_proj"), p + "self_attn.q_norm.weight"), first + i,
                            c.numHeads());
                    k[i] = rope(headNorm(linear(n, p + "self_attn.k_proj"), p + "self_attn.k_norm.weight"), first + i,
                            c.numKvHeads());
                    v[i] = linear(n, p + "self_attn.v_proj");
                }
                int hd = c.headDim();
                for (int i = 0; i < t; i++) {
                    double[] attn = new double[c.numHeads() * hd];
                    for (int head = 0; head < c.numHeads(); head++) {
                        int kvHead = head / c.kvGroups();
                        double[] scores = new double[i + 1];
                        double max = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j <= i; j++) {
                            double s = 0;
                            for (int d = 0; d < hd; d++) {
                                s += q[i][head * hd + d] * k[j][kvHead * hd + d];
                            }
                            scores[j] = s / Math.sqrt(hd);
                            max = Math.max(max, scores[j]);
                        }
                        double sum = 0;
                        for (int j = 0; j <= i; j++) {
                            scores[j] = Math.exp(scores[j] - max);
                            sum += scores[j];
                        }
                        for (int j = 0; j <= i; j++) {
                            for (int d = 0; d < hd; d++) {
                                attn[head * hd + d] += scores[j] / sum * v[j][kvHead * hd + d];
                            }
                        }
                    }
                    x[i] = add(x[i], linear(attn, p + "self_attn.o_proj"));
                    double[] n = rmsNorm(x[i], w.get(p + "post_attention_layernorm.weight"));
                    double[] gate = linear(n, p + "mlp.gate_proj");
                    double[] up = linear(n, p + "mlp.up_proj");
                    for (int j = 0; j < gate.length; j++) {
                        gate[j] = gate[j] / (1 + Math.exp(-gate[j])) * up[j];
                    }
                    x[i] = add(x[i], linear(gate, p + "mlp.down_proj"));
                }
            }
            String head = c.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight";
            double[][] out = new double[t][];
            for (int i = 0; i < t; i++) {
                out[i] = matVec(w.get(head), rmsNorm(x[i], w.get("model.norm.weight")), c.vocabSize());
            }
            return out;
        }

        private double[] linear(double[] in, String prefix) {
            double[] weight = w.get(prefix + ".weight");
            double[] out = matVec(weight, in, weight.length / in.length);
            double[] bias = w.get(prefix + ".bias");
            return bias == null ? out : add(out, bias);
        }

        /** Qwen3: RMSNorm of each head's slice of a projection (weight [hd] shared by the heads); else as is. */
        private double[] headNorm(double[] projected, String weightName) {
            double[] weight = w.get(weightName);
            if (weight == null) {
                return projected;
            }
            int hd = c.headDim();
            double[] out = new double[projected.length];
            for (int head = 0; head < projected.length / hd; head++) {
                double[] normed = rmsNorm(slice(projected, head * hd, hd), weight);
                System.arraycopy(normed, 0, out, head * hd, hd);
            }
            return out;
        }

        /**
         * The rotation frequency of dimension pair i: theta^(-2i/d), then rope_scaling. Llama 3.1 as Meta's
         * apply_scaling states it: wavelengths below original/high_freq_factor keep their frequency, those above
         * original/low_freq_factor are slowed by factor, and between, frequency/factor and frequency are mixed
         * by smooth = (original/wavelength - low) / (high - low).
         */
        private double frequency(int i) {
            double base = Math.pow(c.ropeTheta(), -2.0 * i / c.headDim());
            RopeScaling s = c.ropeScaling();
            return switch (s.type()) {
                case YARN -> {
                    // transformers' YaRN with default beta_fast 32, beta_slow 1 and truncation: the dimensions
                    // whose frequency turns 32 resp. 1 times in the original context bound a linear ramp from the
                    // original frequency (below) to frequency / factor (above)
                    double d = c.headDim();
                    double twoLnTheta = 2 * Math.log(c.ropeTheta());
                    double low = Math.max(0, Math.floor(d * Math.log(s.originalMaxPositionEmbeddings() / (32 * 2 * Math.PI))
                            / twoLnTheta));
                    double high = Math.min(d - 1, Math.ceil(d * Math.log(s.originalMaxPositionEmbeddings() / (2 * Math.PI))
                            / twoLnTheta));
                    double ramp = Math.min(1, Math.max(0, (i - low) / (high - low)));
                    yield base / s.factor() * ramp + base * (1 - ramp);
                }
                case DEFAULT, DYNAMIC -> base;
                case LINEAR -> base / s.factor();
                case LLAMA3 -> {
                    double wavelength = 2 * Math.PI / base;
                    if (wavelength < s.originalMaxPositionEmbeddings() / s.highFreqFactor()) {
                        yield base;
                    }
                    if (wavelength > s.originalMaxPositionEmbeddings() / s.lowFreqFactor()) {
                        yield base / s.factor();
                    }
                    double smooth = (s.originalMaxPositionEmbeddings() / wavelength - s.lowFreqFactor())
                            / (s.highFreqFactor() - s.lowFreqFactor());
                    yield (1 - smooth) * base / s.factor() + smooth * base;
                }
            };
        }

        private double angle(int position, int i) {
            if (!fp32Angles) {
                return position * frequency(i);
            }
            return (float) position * (float) frequency(i); // a float product, rounded to float
        }

        /** YaRN scales cos and sin by 0.1 ln(factor) + 1; other kinds by 1. */
        private double ropeMagnitude() {
            RopeScaling s = c.ropeScaling();
            return s.type() == RopeScaling.Type.YARN ? 0.1 * Math.log(s.factor()) + 1 : 1;
        }

        private double[] rope(double[] vec, int position, int heads) {
            int hd = c.headDim();
            int half = hd / 2;
            double magnitude = ropeMagnitude();
            double[] out = new double[vec.length];
            for (int head = 0; head < heads; head++) {
                for (int d = 0; d < hd; d++) {
                    double angle = angle(position, d % half);
                    double rotated = d < half ? -vec[head * hd + d + half] : vec[head * hd + d - half];
                    out[head * hd + d] = magnitude * (vec[head * hd + d] * Math.cos(angle) + rotated * Math.sin(angle));
                }
            }
            return out;
        }

        private double[] rmsNorm(double[] in, double[] weight) {
            double ms = 0;
            for (double d : in) {
                ms += d * d;
            }
            double scale = 1 / Math.sqrt(ms / in.length + c.rmsNormEps());
            double[] out = new double[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = in[i] * scale * weight[i];
            }
            return out;
        }

        private static double[] matVec(double[] m, double[] in, int rows) {
            double[] out = new double[rows];
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int j = 0; j < in.length; j++) {
                    s += m[r * in.length + j] * in[j];
                }
                out[r] = s;
            }
            return out;
        }

        private static double[] add(double[] a, double[] b) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] + b[i];
            }
            return out;
        }

        private static double[] slice(double[] a, int from, int n) {
            return java.util.Arrays.copyOfRange(a, from, from + n);
        }
    }
}
