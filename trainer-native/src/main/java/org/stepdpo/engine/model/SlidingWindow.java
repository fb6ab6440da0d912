package org.stepdpo.engine.model;

/**
 * Sliding-window attention as config.json switches it on: Qwen2 / Qwen3 with {@code use_sliding_window} true, a
 * {@code sliding_window} size, and layers from {@code max_window_layers} on; Mistral with a non-null
 * {@code sliding_window}, in every layer. Those layers attend only to the last {@code size} keys (key j is seen
 * from query i when i − j < size). The engine computes full causal attention,
 * which equals the windowed one while a sequence is no longer than the window; so a model whose window is in use
 * runs sequences up to {@code size} tokens ({@link ModelConfig#positionLimit()}) and refuses longer ones.
 *
 * @param size      sliding_window
 * @param fromLayer max_window_layers: the first layer that uses the window
 */
public record SlidingWindow(int size, int fromLayer) {

    /** Off: use_sliding_window false (DeepSeek-R1-Distill-Qwen, Qwen2.5, Qwen3), or no layer reaches the window. */
    public static final SlidingWindow NONE = new SlidingWindow(0, 0);

    public SlidingWindow {
        if (size < 0 || fromLayer < 0) {
            throw ConfigFields.invalid("'sliding_window' and 'max_window_layers' must not be negative, got " + size
                    + " and " + fromLayer);
        }
    }

    public boolean inUse() {
        return size > 0;
    }

    /** The window of a config's fields; NONE unless use_sliding_window is true, a size is given and a layer uses it. */
    static SlidingWindow fromConfig(ConfigFields n, Architecture arch, int layers) {
        if (arch == Architecture.LLAMA) {
            return NONE;
        }
        if (arch == Architecture.MISTRAL) {
            int size = n.positive("sliding_window", 0);
            return size == 0 ? NONE : new SlidingWindow(size, 0);
        }
        if (!n.flag("use_sliding_window", false)) {
            return NONE;
        }
        int size = n.positive("sliding_window", 0);
        int fromLayer = n.integer("max_window_layers", layers);
        return size == 0 || fromLayer >= layers ? NONE : new SlidingWindow(size, fromLayer);
    }
}
