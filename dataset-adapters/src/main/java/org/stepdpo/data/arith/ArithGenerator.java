package org.stepdpo.data.arith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Seeded generator of the synthetic arithmetic task.
 *
 * <p>The split of a problem is a function of its content (a hash of its chain), not of the seed or of
 * the order of generation: train and test are disjoint for any seeds and sizes, and the same problem is
 * always in the same split.
 */
public final class ArithGenerator {

    public enum Split { TRAIN, TEST }

    private static final String[][] PEOPLE = {
            {"Ann", "She"}, {"Ben", "He"}, {"Cara", "She"}, {"Dan", "He"}, {"Eva", "She"}, {"Finn", "He"},
            {"Gia", "She"}, {"Hugo", "He"}, {"Ivy", "She"}, {"Jack", "He"}, {"Kim", "She"}, {"Leo", "He"}};
    private static final String[] ITEMS = {"apples", "books", "coins", "cards", "pens", "shells", "stamps", "toys"};

    private final ArithConfig config;

    public ArithGenerator(ArithConfig config) {
        this.config = config;
    }

    /** {@code n} distinct problems of one split; the same arguments always give the same list. */
    public List<ArithProblem> generate(Split split, int n, long seed) {
        Random random = new Random(seed * 31 + split.ordinal());
        Set<String> seen = new LinkedHashSet<>();
        List<ArithProblem> problems = new ArrayList<>(n);
        long attempts = 0;
        long maxAttempts = 1000L * n + 10_000;
        while (problems.size() < n) {
            if (++attempts > maxAttempts) {
                throw new IllegalStateException("could not find " + n + " distinct " + split
                        + " problems with " + config + "; found " + problems.size());
            }
            ArithProblem p = candidate(random);
            if (p != null && splitOf(p) == split && seen.add(p.chain().encode())) {
                problems.add(p);
            }
        }
        return problems;
    }

    public Split splitOf(ArithProblem p) {
        CRC32 crc = new CRC32();
        crc.update(p.chain().encode().getBytes(StandardCharsets.UTF_8));
        double u = (crc.getValue() % 1_000_003L) / 1_000_003.0;
        return u < config.testShare() ? Split.TEST : Split.TRAIN;
    }

    /** A random problem, or null when the random walk got stuck. */
    private ArithProblem candidate(Random random) {
        String[] person = PEOPLE[random.nextInt(PEOPLE.length)];
        String item = ITEMS[random.nextInt(ITEMS.length)];
        int steps = config.minSteps() + random.nextInt(config.maxSteps() - config.minSteps() + 1);
        long value = 2 + random.nextInt(config.maxOperand() - 1);
        long start = value;
        List<Chain.Operation> ops = new ArrayList<>(steps);
        List<Verb> verbs = new ArrayList<>(steps);
        // A value can leave no legal operation (e.g. at the maximum with only + and *): give up on it.
        int tries = 0;
        while (ops.size() < steps) {
            if (++tries > 20 * steps) {
                return null;
            }
            Op op = config.operations().get(random.nextInt(config.operations().size()));
            Chain.Operation next = operation(op, value, random);
            if (next != null) {
                ops.add(next);
                verbs.add(verb(op, random));
                value = op.apply(value, next.operand());
            }
        }
        return new ArithProblem(person[0], person[1], item, new Chain(start, ops), verbs);
    }

    /** The story's verb for {@code op}: drawn only when the config offers several, so other configs keep their problems. */
    private Verb verb(Op op, Random random) {
        List<Verb> choices = Verb.forOp(config.verbs(), op);
        return choices.size() == 1 ? choices.get(0) : choices.get(random.nextInt(choices.size()));
    }

    /** An operand for {@code op} that keeps the value within [0, maxValue], or null when none does. */
    private Chain.Operation operation(Op op, long value, Random random) {
        return switch (op) {
            case ADD -> {
                long room = Math.min(config.maxOperand(), config.maxValue() - value);
                yield room < 1 ? null : new Chain.Operation(op, 1 + random.nextInt((int) room));
            }
            case SUB -> {
                long room = Math.min(config.maxOperand(), value);
                yield room < 1 ? null : new Chain.Operation(op, 1 + random.nextInt((int) room));
            }
            case MUL -> {
                long room = value == 0 ? config.maxMultiplier() : Math.min(config.maxMultiplier(), config.maxValue() / value);
                yield room < 2 ? null : new Chain.Operation(op, 2 + random.nextInt((int) room - 1));
            }
        };
    }
}
