package org.stepdpo.data.arith;

import java.util.List;
import java.util.Random;

/**
 * One synthetic word problem: a little story around a {@link Chain}.
 *
 * @param name    the person in the story
 * @param pronoun "He" or "She"
 * @param item    plural noun counted in the story
 * @param chain   the arithmetic, one reasoning step per operation
 * @param verbs   how the story words each operation (one per operation, each of that operation)
 */
public record ArithProblem(String name, String pronoun, String item, Chain chain, List<Verb> verbs) {

    public ArithProblem {
        verbs = List.copyOf(verbs);
        if (verbs.size() != chain.operations().size()) {
            throw new IllegalArgumentException("need one verb per operation: " + verbs.size() + " verbs for "
                    + chain.operations().size() + " operations");
        }
        for (int k = 0; k < verbs.size(); k++) {
            if (verbs.get(k).op() != chain.operations().get(k).op()) {
                throw new IllegalArgumentException("verb " + verbs.get(k).key() + " does not word "
                        + chain.operations().get(k).op());
            }
        }
    }

    public String question() {
        StringBuilder q = new StringBuilder();
        q.append(name).append(" has ").append(chain.start()).append(' ').append(item).append('.');
        for (int k = 0; k < verbs.size(); k++) {
            q.append(' ').append(pronoun).append(' ').append(verbs.get(k).phrase(chain.operations().get(k).operand()))
                    .append('.');
        }
        q.append(" How many ").append(item).append(" does ").append(name).append(" have now?");
        return q.toString();
    }

    /** The gold solution in the Step-DPO format: compact equations, every step right. */
    public String solution() {
        return SolutionStyle.gold().write(chain, verbs, new Random(0));
    }
}
