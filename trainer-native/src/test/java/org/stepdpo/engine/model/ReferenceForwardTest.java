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
 * from the Hugging Face definitions (explicit softmax attention, repeat_kv, rotate_half RoPE).
 */
class ReferenceForwardTest {

    private static final long[] TOKENS = {3, 17, 42, 0, 88, 9, 9, 61, 25, 7, 1};

    @Test
    void qwen2WithBiasesGqaAndTiedHeadMatchesReference() {
        assertMatchesReference(TinyModels.qwen2());
    }

    @Test
    void llamaWithoutBiasesUntiedHeadAndOddRopeMatchesReference() {
        assertMatchesReference(TinyModels.llama());
    }

    @org.junit.jupiter.api.BeforeAll
    static void loadTorch() {
        org.stepdpo.engine.device.NativeTorch.ensureLoaded();
    }

    private static void assertMatchesReference(ModelConfig config) {
        try (NoGradGuard noGrad = new NoGradGuard(); CausalDecoder model = TinyModels.build(config, 11)) {
            float[] actual = TinyModels.toArray(model.forward(TinyModels.ids(TOKENS, 1))); // [1, T, V]
            Map<String, double[]> weights = new HashMap<>();
            model.stateDict().forEach((name, t) -> {
                float[] f = TinyModels.toArray(t);
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                weights.put(name, d);
            });
            double[][] expected = new ReferenceDecoder(config, weights).logits(TOKENS);
            double maxAbs = 0;
            double maxRef = 0;
            int v = config.vocabSize();
            for (int t = 0; t < TOKENS.length; t++) {
                for (int j = 0; j < v; j++) {
                    maxAbs = Math.max(maxAbs, Math.abs(actual[t * v + j] - expected[t][j]));
                    maxRef = Math.max(maxRef, Math.abs(expected[t][j]));
                }
            }
            assertThat(maxRef).isGreaterThan(0.01);
            assertThat(maxAbs / maxRef).as("max |libtorch - reference| / max |reference|").isLessThan(1e-5);
        }
    }

    /** The reference: plain loops in double precision, one sequence, no cache. */
    private record ReferenceDecoder(ModelConfig c, Map<String, double[]> w) {

        double[][] logits(long[] tokens) {
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
                    q[i] = rope(linear(n, p + "self_attn.q_proj"), i, c.numHeads());
                    k[i] = rope(linear(n, p + "self_attn.k_proj"), i, c.numKvHeads());
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

        private double[] rope(double[] vec, int position, int heads) {
            int hd = c.headDim();
            int half = hd / 2;
            double[] out = new double[vec.length];
            for (int head = 0; head < heads; head++) {
                for (int d = 0; d < hd; d++) {
                    double angle = position / Math.pow(c.ropeTheta(), (2.0 * (d % half)) / hd);
                    double rotated = d < half ? -vec[head * hd + d + half] : vec[head * hd + d - half];
                    out[head * hd + d] = vec[head * hd + d] * Math.cos(angle) + rotated * Math.sin(angle);
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
