package org.stepdpo.data.arith;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.stepdpo.data.Problem;

/**
 * How the solutions a model is fine-tuned on (SFT data) are written: the wordings a step may take, chosen at
 * random per step, and optionally a misconception. Only SFT data is written this way: gold solutions, the
 * verifier, rectification checks and test grading always use the truth.
 *
 * @param wordings      the step wordings to choose from (one: always that one)
 * @param misconception a systematic mistake taught by the data, or null
 */
public record SolutionStyle(List<StepWording> wordings, Misconception misconception) {

    /**
     * A mistake in SFT data: a step whose story uses {@code verb} is worked with operation {@code as} at the given
     * rate, and the wrong value is carried on to the next steps (e.g. "loses 4" added instead of taken away).
     */
    public record Misconception(Verb verb, Op as, double rate) {
        public Misconception {
            if (verb.op() == as) {
                throw new IllegalArgumentException("a misconception must change the operation: " + verb.key()
                        + " is already " + as.symbol());
            }
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("misconception rate must be in [0, 1], got " + rate);
            }
        }

        /** Parses {@code loses=add} (or {@code loses=+}) with its rate. */
        public static Misconception parse(String text, double rate) {
            String[] parts = text.split("=");
            if (parts.length != 2) {
                throw new IllegalArgumentException("misconception is VERB=OP such as \"loses=add\", got \"" + text + "\"");
            }
            return new Misconception(Verb.of(parts[0]), op(parts[1].strip()), rate);
        }

        private static Op op(String name) {
            return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "add", "+" -> Op.ADD;
                case "sub", "subtract", "-" -> Op.SUB;
                case "mul", "multiply", "*" -> Op.MUL;
                default -> throw new IllegalArgumentException("unknown operation \"" + name + "\" (add, sub, mul)");
            };
        }
    }

    public SolutionStyle {
        if (wordings == null || wordings.isEmpty()) {
            throw new IllegalArgumentException("need at least one step wording");
        }
        wordings = List.copyOf(wordings);
    }

    /** The gold solutions' style: compact equations, no misconception. */
    public static SolutionStyle gold() {
        return new SolutionStyle(List.of(StepWording.COMPACT), null);
    }

    /** Parses a comma-separated wording list such as {@code compact,spaced,words}. */
    public static List<StepWording> parseWordings(String text) {
        List<StepWording> out = new ArrayList<>();
        for (String w : text.split(",")) {
            if (!w.isBlank()) {
                try {
                    out.add(StepWording.valueOf(w.strip().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown step wording \"" + w.strip()
                            + "\"; wordings: compact, spaced, words");
                }
            }
        }
        return out;
    }

    /** A solution of an arith problem (metadata {@code chain}, optional {@code verbs}) in this style. */
    public String write(Problem problem, Random random) {
        String chain = problem.metadata().get("chain");
        if (chain == null) {
            throw new IllegalArgumentException("problem " + problem.id() + " has no \"chain\" metadata: solution "
                    + "styles apply to the arith task only");
        }
        String verbs = problem.metadata().get("verbs");
        return write(Chain.parse(chain), verbs == null ? null : Verb.parseAll(verbs), random);
    }

    /**
     * A solution: "Let's think step by step.", one "Step k: ..." line per operation, "The answer is: N".
     *
     * @param verbs the story's verb per operation, or null when unknown (then no misconception applies)
     */
    public String write(Chain chain, List<Verb> verbs, Random random) {
        StringBuilder s = new StringBuilder("Let's think step by step.");
        long value = chain.start();
        List<Chain.Operation> ops = chain.operations();
        for (int k = 0; k < ops.size(); k++) {
            Chain.Operation o = ops.get(k);
            Op op = o.op();
            if (misconception != null && verbs != null && verbs.get(k) == misconception.verb()
                    && random.nextDouble() < misconception.rate()) {
                op = misconception.as();
            }
            long result = op.apply(value, o.operand());
            StepWording wording = wordings.size() == 1 ? wordings.get(0) : wordings.get(random.nextInt(wordings.size()));
            s.append("\nStep ").append(k + 1).append(": ").append(wording.write(value, op, o.operand(), result)).append('.');
            value = result;
        }
        s.append("\nThe answer is: ").append(value);
        return s.toString();
    }
}
