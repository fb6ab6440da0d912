package org.stepdpo.data.arith;

import java.util.List;
import java.util.Map;

/**
 * Shape of the synthetic arithmetic task. Tiny models find multi-digit products hard, so the defaults
 * keep numbers small: start values and addends below 50, multipliers 2..4, every intermediate result
 * between 0 and {@code maxValue}.
 *
 * @param minSteps      fewest operations (= reasoning steps) in a problem
 * @param maxSteps      most operations in a problem
 * @param maxOperand    largest start value, addend and subtrahend
 * @param maxMultiplier largest multiplier (a multiplier is at least 2)
 * @param maxValue      no intermediate result may exceed this
 * @param operations    which operations occur: any of {@link Op}
 * @param testShare     share of all possible questions that belong to the test split (by hash)
 * @param verbs         the story's verbs (see {@link Verb}); an operation with several is worded by a random one
 */
public record ArithConfig(int minSteps, int maxSteps, int maxOperand, int maxMultiplier, int maxValue,
                          List<Op> operations, double testShare, List<Verb> verbs) {

    /** The verbs of the original task: one per operation. */
    public static final List<Verb> PLAIN_VERBS = List.of(Verb.GETS, Verb.GIVES_AWAY, Verb.TIMES);

    public ArithConfig {
        if (minSteps < 1 || maxSteps < minSteps) {
            throw new IllegalArgumentException("need 1 <= minSteps <= maxSteps, got " + minSteps + ".." + maxSteps);
        }
        if (maxOperand < 2 || maxMultiplier < 2 || maxValue < maxOperand) {
            throw new IllegalArgumentException("need maxOperand >= 2, maxMultiplier >= 2, maxValue >= maxOperand");
        }
        if (operations == null || operations.isEmpty()) {
            throw new IllegalArgumentException("need at least one operation");
        }
        if (!(testShare > 0 && testShare < 1)) {
            throw new IllegalArgumentException("testShare must be in (0, 1), got " + testShare);
        }
        operations = List.copyOf(operations);
        if (verbs == null || verbs.isEmpty()) {
            throw new IllegalArgumentException("need at least one verb");
        }
        verbs = verbs.stream().distinct().toList();
    }

    public static ArithConfig defaults() {
        return new ArithConfig(3, 6, 49, 4, 999, List.of(Op.ADD, Op.SUB, Op.MUL), 0.2, PLAIN_VERBS);
    }

    /**
     * The defaults overridden by options such as {@code min_steps=3}, {@code max_steps=5},
     * {@code max_operand=20}, {@code max_multiplier=3}, {@code max_value=500}, {@code ops=+-*},
     * {@code test_share=0.2}, {@code verbs=gets,finds,gives_away,loses}; unknown keys are left to the caller.
     */
    public static ArithConfig fromOptions(Map<String, String> options) {
        ArithConfig d = defaults();
        return new ArithConfig(
                intOption(options, "min_steps", d.minSteps()),
                intOption(options, "max_steps", d.maxSteps()),
                intOption(options, "max_operand", d.maxOperand()),
                intOption(options, "max_multiplier", d.maxMultiplier()),
                intOption(options, "max_value", d.maxValue()),
                options.containsKey("ops") ? Op.parseAll(options.get("ops")) : d.operations(),
                options.containsKey("test_share") ? Double.parseDouble(options.get("test_share")) : d.testShare(),
                options.containsKey("verbs") ? Verb.parseAll(options.get("verbs")) : d.verbs());
    }

    private static int intOption(Map<String, String> options, String key, int fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be an integer, got \"" + v + "\"");
        }
    }
}
