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
 *   <li>{@code dynamic} (NTK): transformers keeps the default frequencies until a sequence outgrows
 *       {@code original_max_position_embeddings} and then recomputes them from its length, which the keys already
 *       rotated in a KV cache cannot follow; the engine therefore reads it as default and refuses positions beyond
 *       that length ({@link #positionLimit}).</li>
 * </ul>
 * Others ({@code yarn}, {@code longrope}, ...) are refused naming the field.
 *
 * @param type                          which of the above
 * @param factor                        the stretch (1 for default)
 * @param lowFreqFactor                 llama3: wavelengths above original/lowFreqFactor are divided by factor
 * @param highFreqFactor                llama3: wavelengths below original/highFreqFactor are kept
 * @param originalMaxPositionEmbeddings llama3: the pre-training context; dynamic: where scaling would begin (0: none)
 */
public record RopeScaling(Type type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositionEmbeddings) {

    public static final RopeScaling NONE = new RopeScaling(Type.DEFAULT, 1.0, 0, 0, 0);

    /** The scaling kinds the engine computes, by their config.json name. */
    public enum Type {
        DEFAULT, LINEAR, DYNAMIC, LLAMA3;

        String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RopeScaling {
        if (!(factor >= 1.0)) {
            throw ConfigFields.invalid("'rope_scaling.factor' must be a number >= 1, got " + factor);
        }
        if (type == Type.LLAMA3) {
            if (!(lowFreqFactor > 0 && highFreqFactor > lowFreqFactor)) {
                throw ConfigFields.invalid("'rope_scaling' llama3 needs 0 < low_freq_factor < high_freq_factor, got "
                        + lowFreqFactor + " and " + highFreqFactor);
            }
            if (originalMaxPositionEmbeddings <= 0) {
                throw ConfigFields.invalid("'rope_scaling.original_max_position_embeddings' must be positive, got "
                        + originalMaxPositionEmbeddings);
            }
        }
    }

    public static RopeScaling linear(double factor) {
        return new RopeScaling(Type.LINEAR, factor, 0, 0, 0);
    }

    public static RopeScaling llama3(double factor, double lowFreqFactor, double highFreqFactor, int originalMax) {
        return new RopeScaling(Type.LLAMA3, factor, lowFreqFactor, highFreqFactor, originalMax);
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
                    f.positive("original_max_position_embeddings", 0));
            case "llama3" -> llama3(f.requiredNumber("factor"), f.requiredNumber("low_freq_factor"),
                    f.requiredNumber("high_freq_factor"), f.positive("original_max_position_embeddings"));
            default -> throw ConfigFields.invalid("'" + field.substring(0, field.length() - 1) + "' of type '" + kind
                    + "' is not supported (this engine"
                    + " computes default, linear, llama3, and dynamic up to its original length)");
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
        n.put("rope_type", type.jsonName());
        return n;
    }

    /**
     * The longest sequence whose RoPE the engine computes as transformers does: max_position_embeddings, except for
     * dynamic NTK, whose frequencies change beyond its original length (see the class comment).
     */
    int positionLimit(int maxPositionEmbeddings) {
        if (type == Type.DYNAMIC) {
            return originalMaxPositionEmbeddings > 0 ? Math.min(originalMaxPositionEmbeddings, maxPositionEmbeddings)
                    : maxPositionEmbeddings;
        }
        return maxPositionEmbeddings;
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
            // base ** (arange(0, dim, 2).float() / dim): the exponent in fp32, the power rounded to fp32
            float exponent = (float) (2 * i) / (float) headDim;
            inv[i] = 1.0f / (float) Math.pow(theta, exponent);
        }
        switch (type) {
            case LINEAR -> {
                for (int i = 0; i < half; i++) {
                    inv[i] = inv[i] / (float) factor;
                }
            }
            case LLAMA3 -> applyLlama3(inv);
            default -> {
            }
        }
        return inv;
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
}
