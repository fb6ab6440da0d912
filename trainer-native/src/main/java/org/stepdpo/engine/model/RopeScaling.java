package org.stepdpo.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * config.json's {@code rope_scaling}: how the RoPE inverse frequencies are stretched for long contexts, as
 * transformers' modeling_rope_utils computes them. The types the engine reads:
 * <ul>
 *   <li>{@code default} (or no rope_scaling): inv_freq_i = 1 / theta^(2i/d);</li>
 *   <li>{@code linear}: inv_freq / factor (position interpolation);</li>
 *   <li>{@code llama3} (Llama 3.1-3.3): low frequencies divided by factor, high ones kept, the band between
 *       interpolated by a smooth factor;</li>
 *   <li>{@code yarn} (Qwen2.5 / Qwen3 long context): per dimension a blend of inv_freq and inv_freq / factor, ramped
 *       linearly over the dimensions between the correction bounds of beta_fast and beta_slow rotations in the
 *       original context, and cos / sin scaled by an attention factor (0.1 ln(factor) + 1 unless given);</li>
 *   <li>{@code dynamic} (NTK): transformers keeps the default frequencies up to max_position_embeddings and beyond it
 *       recomputes them from the sequence length, which keys already rotated in a KV cache cannot follow; the engine,
 *       which runs no sequence past max_position_embeddings, computes it as default.</li>
 * </ul>
 * Others ({@code longrope}, ...) are refused naming the field.
 *
 * @param type                          which of the above
 * @param factor                        the stretch (1 for default)
 * @param lowFreqFactor                 llama3: wavelengths above original/lowFreqFactor are divided by factor
 * @param highFreqFactor                llama3: wavelengths below original/highFreqFactor are kept
 * @param originalMaxPositionEmbeddings llama3, yarn: the pre-training context (0: not given)
 * @param yarn                          yarn's optional parameters, null for other types
 */
public record RopeScaling(Type type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositionEmbeddings, Yarn yarn) {

    public static final RopeScaling NONE = new RopeScaling(Type.DEFAULT, 1.0, 0, 0, 0, null);

    /** The scaling kinds the engine computes, by their config.json name. */
    public enum Type {
        DEFAULT, LINEAR, DYNAMIC, LLAMA3, YARN;

        String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * YaRN's optional fields as config.json gives them; null (NaN for numbers) where absent, so that a saved config
     * writes back what it read.
     *
     * @param attentionFactor cos / sin scale; absent: from factor, mscale and mscale_all_dim
     * @param betaFast        rotations bounding the extrapolated dimensions (absent or 0: 32)
     * @param betaSlow        rotations bounding the interpolated dimensions (absent or 0: 1)
     * @param mscale          with mscale_all_dim, the attention factor is mscale(factor, mscale) / mscale(factor, all)
     * @param mscaleAllDim    see mscale
     * @param truncate        floor / ceil the correction bounds (absent: true)
     */
    public record Yarn(double attentionFactor, double betaFast, double betaSlow, double mscale, double mscaleAllDim,
                       Boolean truncate) {
    }

    public RopeScaling {
        if (!(factor >= 1.0)) {
            throw ConfigFields.invalid("'rope_scaling.factor' must be a number >= 1, got " + factor);
        }
        if (type == Type.LLAMA3 && !(lowFreqFactor > 0 && highFreqFactor > lowFreqFactor)) {
            throw ConfigFields.invalid("'rope_scaling' llama3 needs 0 < low_freq_factor < high_freq_factor, got "
                    + lowFreqFactor + " and " + highFreqFactor);
        }
        if ((type == Type.LLAMA3 || type == Type.YARN) && originalMaxPositionEmbeddings <= 0) {
            throw ConfigFields.invalid("'rope_scaling.original_max_position_embeddings' must be positive, got "
                    + originalMaxPositionEmbeddings);
        }
        if (type == Type.YARN && yarn == null) {
            throw ConfigFields.invalid("'rope_scaling' yarn needs its parameters");
        }
    }

    public static RopeScaling linear(double factor) {
        return new RopeScaling(Type.LINEAR, factor, 0, 0, 0, null);
    }

    public static RopeScaling llama3(double factor, double lowFreqFactor, double highFreqFactor, int originalMax) {
        return new RopeScaling(Type.LLAMA3, factor, lowFreqFactor, highFreqFactor, originalMax, null);
    }

    /** YaRN with every optional field at transformers' default (as Qwen's model cards write it). */
    public static RopeScaling yarn(double factor, int originalMax) {
        return new RopeScaling(Type.YARN, factor, 0, 0, originalMax,
                new Yarn(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null));
    }

    /** A rope_scaling object as config.json writes it (a command-line option, e.g.); errors name the field. */
    public static RopeScaling fromJson(JsonNode scaling) {
        if (scaling != null && !scaling.isObject() && !scaling.isNull()) {
            throw ConfigFields.invalid("'rope_scaling' must be null or an object, got " + scaling);
        }
        return fromJson(scaling == null || scaling.isNull() ? null : scaling, "rope_scaling.");
    }

    /**
     * Reads a rope_scaling object (null: none). The kind is {@code rope_type}, or {@code type} as older configs
     * write it; unsupported kinds and missing or ill-typed parameters fail naming the field.
     */
    static RopeScaling fromJson(JsonNode scaling, String field) {
        if (scaling == null) {
            return NONE;
        }
        ConfigFields f = new ConfigFields(scaling, field);
        String kind = scaling.hasNonNull("rope_type") ? f.text("rope_type", null) : f.text("type", "default");
        return switch (kind) {
            case "default" -> NONE;
            case "linear" -> linear(f.requiredNumber("factor"));
            case "dynamic" -> new RopeScaling(Type.DYNAMIC, f.requiredNumber("factor"), 0, 0,
                    f.positive("original_max_position_embeddings", 0), null);
            case "llama3" -> llama3(f.requiredNumber("factor"), f.requiredNumber("low_freq_factor"),
                    f.requiredNumber("high_freq_factor"), f.positive("original_max_position_embeddings"));
            case "yarn" -> new RopeScaling(Type.YARN, f.requiredNumber("factor"), 0, 0,
                    f.positive("original_max_position_embeddings"), new Yarn(f.number("attention_factor", Double.NaN),
                    f.number("beta_fast", Double.NaN), f.number("beta_slow", Double.NaN), f.number("mscale", Double.NaN),
                    f.number("mscale_all_dim", Double.NaN), scaling.hasNonNull("truncate") ? f.flag("truncate", true)
                    : null));
            default -> throw ConfigFields.invalid("'" + field.substring(0, field.length() - 1) + "' of type '" + kind
                    + "' is not supported (this engine computes default, linear, llama3, yarn and dynamic)");
        };
    }

    /** The rope_scaling object transformers writes for this kind, or null for none. */
    JsonNode toJson() {
        if (type == Type.DEFAULT) {
            return JsonNodeFactory.instance.nullNode();
        }
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("factor", factor);
        if (type == Type.LLAMA3) {
            n.put("low_freq_factor", lowFreqFactor);
            n.put("high_freq_factor", highFreqFactor);
        }
        if (originalMaxPositionEmbeddings > 0) {
            n.put("original_max_position_embeddings", originalMaxPositionEmbeddings);
        }
        if (yarn != null) {
            putIfGiven(n, "attention_factor", yarn.attentionFactor());
            putIfGiven(n, "beta_fast", yarn.betaFast());
            putIfGiven(n, "beta_slow", yarn.betaSlow());
            putIfGiven(n, "mscale", yarn.mscale());
            putIfGiven(n, "mscale_all_dim", yarn.mscaleAllDim());
            if (yarn.truncate() != null) {
                n.put("truncate", yarn.truncate());
            }
        }
        n.put("rope_type", type.jsonName());
        return n;
    }

    private static void putIfGiven(ObjectNode n, String field, double value) {
        if (!Double.isNaN(value)) {
            n.put(field, value);
        }
    }

    /**
     * How many positions the engine runs: max_position_embeddings, or for yarn at least factor ×
     * original_max_position_embeddings, since Qwen's long-context recipe adds yarn to a config whose
     * max_position_embeddings stays at the original 32,768 (transformers does not cap positions; vLLM derives its
     * maximum length the same way).
     */
    int positionLimit(int maxPositionEmbeddings) {
        if (type == Type.YARN) {
            return (int) Math.max(maxPositionEmbeddings, Math.min(Integer.MAX_VALUE / 2,
                    Math.floor(factor * originalMaxPositionEmbeddings)));
        }
        return maxPositionEmbeddings;
    }

    /** The factor cos and sin are multiplied by: YaRN's, else 1. */
    double attentionFactor() {
        if (type != Type.YARN) {
            return 1.0;
        }
        if (!Double.isNaN(yarn.attentionFactor())) {
            return yarn.attentionFactor();
        }
        boolean both = isSetAndNonZero(yarn.mscale()) && isSetAndNonZero(yarn.mscaleAllDim());
        return both ? yarnMscale(factor, yarn.mscale()) / yarnMscale(factor, yarn.mscaleAllDim()) : yarnMscale(factor, 1);
    }

    /** 0.1 · m · ln(s) + 1, or 1 for no stretch. */
    private static double yarnMscale(double scale, double m) {
        return scale <= 1 ? 1.0 : 0.1 * m * Math.log(scale) + 1.0;
    }

    /** Python's truthiness of an optional number: absent and 0 both mean "use the default". */
    private static boolean isSetAndNonZero(double v) {
        return !Double.isNaN(v) && v != 0;
    }

    /**
     * inv_freq [d/2] in fp32, with the operations in the order and precision transformers uses (each step a float
     * operation, as on its fp32 tensors), so that the RoPE tables agree bit for bit wherever float division and
     * multiplication do; at position 10^4 one ulp of a frequency moves an angle by ~6e-4 rad.
     */
    float[] inverseFrequencies(double theta, int headDim) {
        int half = headDim / 2;
        float[] inv = new float[half];
        for (int i = 0; i < half; i++) {
            inv[i] = 1.0f / baseFrequencyPower(theta, i, headDim);
        }
        switch (type) {
            case LINEAR -> {
                for (int i = 0; i < half; i++) {
                    inv[i] = inv[i] / (float) factor;
                }
            }
            case LLAMA3 -> applyLlama3(inv);
            case YARN -> applyYarn(inv, theta, headDim);
            default -> {
            }
        }
        return inv;
    }

    /** base ** (arange(0, dim, 2).float() / dim): the exponent in fp32, the power rounded to fp32. */
    private static float baseFrequencyPower(double theta, int i, int headDim) {
        float exponent = (float) (2 * i) / (float) headDim;
        return (float) Math.pow(theta, exponent);
    }

    /**
     * Llama 3.1's wavelength bands: keep the short ones, divide the long ones by factor, blend the middle. A Python
     * number over a tensor is the tensor's reciprocal times the number in torch, and comparisons with a Python float
     * compare in fp32: written the same way here.
     */
    private void applyLlama3(float[] inv) {
        float f = (float) factor;
        float lowFreqWavelen = (float) (originalMaxPositionEmbeddings / lowFreqFactor);
        float highFreqWavelen = (float) (originalMaxPositionEmbeddings / highFreqFactor);
        float band = (float) (highFreqFactor - lowFreqFactor);
        for (int i = 0; i < inv.length; i++) {
            float wavelen = (1.0f / inv[i]) * (float) (2 * Math.PI);
            float scaled = wavelen > lowFreqWavelen ? inv[i] / f : inv[i];
            boolean medium = !(wavelen < highFreqWavelen) && !(wavelen > lowFreqWavelen);
            if (medium) {
                float smooth = ((1.0f / wavelen) * (float) originalMaxPositionEmbeddings - (float) lowFreqFactor) / band;
                scaled = (1 - smooth) * scaled / f + smooth * scaled;
            }
            inv[i] = scaled;
        }
    }

    /**
     * YaRN as transformers 5 computes it: the correction bounds in double (the dimension at which a frequency turns
     * beta times in the original context), floored / ceiled unless truncate is false, clipped to [0, d-1]; then in
     * fp32 a ramp over the dimension index, 0 below low and 1 above high, and inv_freq = interpolated · ramp +
     * extrapolated · (1 − ramp).
     */
    private void applyYarn(float[] inv, double theta, int headDim) {
        double fast = isSetAndNonZero(yarn.betaFast()) ? yarn.betaFast() : 32;
        double slow = isSetAndNonZero(yarn.betaSlow()) ? yarn.betaSlow() : 1;
        boolean truncate = yarn.truncate() == null || yarn.truncate();
        double low = correctionDimension(fast, headDim, theta);
        double high = correctionDimension(slow, headDim, theta);
        if (truncate) {
            low = Math.floor(low);
            high = Math.ceil(high);
        }
        low = Math.max(low, 0);
        high = Math.min(high, headDim - 1);
        if (low == high) {
            high += 0.001; // transformers' guard against a zero-width ramp
        }
        float f = (float) factor;
        for (int i = 0; i < inv.length; i++) {
            float posFreq = baseFrequencyPower(theta, i, headDim);
            float extrapolated = 1.0f / posFreq;
            float interpolated = 1.0f / (f * posFreq);
            float ramp = Math.min(1.0f, Math.max(0.0f, ((float) i - (float) low) / (float) (high - low)));
            float extrapolationFactor = 1 - ramp;
            inv[i] = interpolated * (1 - extrapolationFactor) + extrapolated * extrapolationFactor;
        }
    }

    /** The dimension whose frequency turns {@code rotations} times over the original context. */
    private double correctionDimension(double rotations, int headDim, double theta) {
        return headDim * Math.log(originalMaxPositionEmbeddings / (rotations * 2 * Math.PI)) / (2 * Math.log(theta));
    }
}
