package org.stepdpo.data.arith;

import java.util.List;

/**
 * One synthetic word problem: a little story around a {@link Chain}.
 *
 * @param name    the person in the story
 * @param pronoun "He" or "She"
 * @param item    plural noun counted in the story
 * @param chain   the arithmetic, one reasoning step per operation
 */
public record ArithProblem(String name, String pronoun, String item, Chain chain) {

    public String question() {
        StringBuilder q = new StringBuilder();
        q.append(name).append(" has ").append(chain.start()).append(' ').append(item).append('.');
        for (Chain.Operation o : chain.operations()) {
            q.append(' ').append(pronoun).append(' ').append(phrase(o)).append('.');
        }
        q.append(" How many ").append(item).append(" does ").append(name).append(" have now?");
        return q.toString();
    }

    private static String phrase(Chain.Operation o) {
        return switch (o.op()) {
            case ADD -> "gets " + o.operand() + " more";
            case SUB -> "gives away " + o.operand();
            case MUL -> "ends up with " + o.operand() + " times as many";
        };
    }

    /** The gold solution in the Step-DPO format. */
    public String solution() {
        StringBuilder s = new StringBuilder("Let's think step by step.");
        List<Long> v = chain.values();
        List<Chain.Operation> ops = chain.operations();
        for (int k = 0; k < ops.size(); k++) {
            s.append("\nStep ").append(k + 1).append(": ")
                    .append(Chain.equation(v.get(k), ops.get(k).op(), ops.get(k).operand(), v.get(k + 1)))
                    .append('.');
        }
        s.append("\nThe answer is: ").append(chain.answer());
        return s.toString();
    }
}
