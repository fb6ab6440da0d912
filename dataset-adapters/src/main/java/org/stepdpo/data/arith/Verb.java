package org.stepdpo.data.arith;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a problem's story words one operation: "gets 4 more" and "finds 4 more" are both {@link Op#ADD}, "gives
 * away 4" and "loses 4" both {@link Op#SUB}. Several verbs for one operation give a model contexts in which it
 * can learn a misconception (see {@link SolutionStyle}) without the arithmetic changing.
 */
public enum Verb {
    GETS(Op.ADD, "gets %d more"),
    FINDS(Op.ADD, "finds %d more"),
    GIVES_AWAY(Op.SUB, "gives away %d"),
    LOSES(Op.SUB, "loses %d"),
    TIMES(Op.MUL, "ends up with %d times as many");

    private final Op op;
    private final String phrase;

    Verb(Op op, String phrase) {
        this.op = op;
        this.phrase = phrase;
    }

    public Op op() {
        return op;
    }

    /** The words of the story for this verb and quantity, e.g. "loses 4". */
    public String phrase(long operand) {
        return String.format(Locale.ROOT, phrase, operand);
    }

    /** The option name, e.g. {@code gives_away}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verb of an option name such as {@code loses} or {@code gives_away}. */
    public static Verb of(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (Verb v : values()) {
            if (v.key().equals(k)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verb \"" + key + "\"; verbs: " + keys(List.of(values())));
    }

    /** Parses a comma-separated list such as {@code gets,loses,gets} (repeats kept: one verb per operation). */
    public static List<Verb> parseAll(String keys) {
        List<Verb> verbs = new ArrayList<>();
        for (String k : keys.split(",")) {
            if (!k.isBlank()) {
                verbs.add(of(k));
            }
        }
        return verbs;
    }

    public static String keys(List<Verb> verbs) {
        return String.join(",", verbs.stream().map(Verb::key).toList());
    }

    /** The verbs of {@code verbs} that word {@code op}; the first verb of {@code op} when none does. */
    public static List<Verb> forOp(List<Verb> verbs, Op op) {
        List<Verb> out = verbs.stream().filter(v -> v.op == op).toList();
        if (!out.isEmpty()) {
            return out;
        }
        for (Verb v : values()) {
            if (v.op == op) {
                return List.of(v);
            }
        }
        throw new IllegalStateException("no verb for " + op);
    }
}
