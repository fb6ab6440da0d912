package org.stepdpo.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.stepdpo.config.baselines.Metric;

/**
 * How {@code stepdpo regress} judges a run of the suite against its baseline: the {@code regress:} block of a
 * suite file.
 *
 * <pre>
 * regress:
 *   alpha: 0.05                     # a worse value counts when its two-sided test has p &lt; alpha
 *   seed: 1                         # the seed of every random choice of the run
 *   tolerance: {accuracy: 0.10}     # ... or when it is worse by more than this, significant or not
 * </pre>
 *
 * The tolerance catches drops too large to accept that a small sample cannot prove; metrics without a
 * tolerance are gated by their test alone (or not at all when they have none).
 *
 * @param alpha     significance level of the tests, and 1 − the confidence of the reported intervals
 * @param seed      seed of the run
 * @param tolerance absolute tolerance per metric, in the metric's own unit (a share: 0.10 = 10 points)
 */
public record RegressSpec(double alpha, long seed, Map<Metric, Double> tolerance) {

    public static final double DEFAULT_ALPHA = 0.05;
    private static final Set<String> KEYS = Set.of("alpha", "seed", "tolerance");

    public RegressSpec {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("regress.alpha must be in (0, 0.5); got " + alpha);
        }
        tolerance = Map.copyOf(tolerance);
    }

    /** What a suite without a {@code regress:} block gets: alpha 0.05, seed 1, no tolerances. */
    public static RegressSpec defaults() {
        return new RegressSpec(DEFAULT_ALPHA, 1, Map.of());
    }

    /** The tolerance of a metric, or null when none is set. */
    public Double toleranceOf(Metric metric) {
        return tolerance.get(metric);
    }

    /** Reads the block; every error names the suite file and the key. */
    static RegressSpec parse(JsonNode node, String origin) {
        if (node == null || node.isNull()) {
            return defaults();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(origin + ": \"regress\" must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(origin + ": unknown key \"regress." + key + "\""
                        + Suggestions.didYouMean(key, KEYS) + "; known: " + KEYS.stream().sorted().toList());
            }
        }
        double alpha = number(node.get("alpha"), "regress.alpha", origin, DEFAULT_ALPHA);
        long seed = (long) number(node.get("seed"), "regress.seed", origin, 1);
        Map<Metric, Double> tolerance = new LinkedHashMap<>();
        JsonNode t = node.get("tolerance");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                throw new IllegalArgumentException(origin + ": \"regress.tolerance\" must be a mapping of metric to "
                        + "absolute tolerance");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Metric metric = Metric.byKey(e.getKey()).orElseThrow(() -> new IllegalArgumentException(origin
                        + ": unknown metric \"regress.tolerance." + e.getKey() + "\""
                        + Suggestions.didYouMean(e.getKey(), Metric.keys()) + "; known: " + Metric.keys()));
                double v = number(e.getValue(), "regress.tolerance." + e.getKey(), origin, 0);
                if (v < 0) {
                    throw new IllegalArgumentException(origin + ": \"regress.tolerance." + e.getKey()
                            + "\" must not be negative; got " + v);
                }
                tolerance.put(metric, v);
            }
        }
        try {
            return new RegressSpec(alpha, seed, tolerance);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode v, String field, String origin, double fallback) {
        if (v == null || v.isNull()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.asText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(origin + ": \"" + field + "\" must be a number, got \"" + v.asText() + "\"");
        }
    }
}
