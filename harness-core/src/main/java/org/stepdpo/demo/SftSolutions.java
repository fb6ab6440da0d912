package org.stepdpo.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.stepdpo.config.Suite;
import org.stepdpo.config.suite.SftSection;
import org.stepdpo.data.Problem;
import org.stepdpo.data.arith.SolutionStyle;

/**
 * The solutions the demo's model is fine-tuned on: the train split's gold solutions, or, for the arith task,
 * solutions in the style the suite's {@code model.sft} section asks for ({@code wording: compact,spaced,words},
 * {@code misconception: loses=add}, {@code misconception_rate: 0.6}). Only SFT data changes: the problems,
 * their gold solutions and answers, the verifier and every evaluation stay the truth.
 */
final class SftSolutions {

    private SftSolutions() {
    }

    /** The style the suite asks for, or null for the gold solutions as they are. */
    static SolutionStyle style(Suite suite) {
        SftSection sft = suite.model().sft();
        if (sft.wording() == null && sft.misconception() == null) {
            if (sft.misconceptionRate() != null) {
                throw new IllegalArgumentException("suite " + suite.name() + ": model.sft.misconception_rate is set "
                        + "but model.sft.misconception (such as \"loses=add\") is not");
            }
            return null;
        }
        if (!"arith".equals(suite.dataset().adapter())) {
            throw new IllegalArgumentException("suite " + suite.name() + ": model.sft.wording and misconception "
                    + "apply to the arith task only, not " + suite.dataset().adapter());
        }
        try {
            SolutionStyle.Misconception m = sft.misconception() != null
                    ? SolutionStyle.Misconception.parse(sft.misconception(),
                            sft.misconceptionRate() != null ? sft.misconceptionRate() : 1.0)
                    : null;
            return new SolutionStyle(SolutionStyle.parseWordings(sft.wording() != null ? sft.wording() : "compact"), m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("suite " + suite.name() + ": model.sft: " + e.getMessage(), e);
        }
    }

    /** One SFT solution per problem, in order; seeded, so the same suite and seed give the same data. */
    static List<String> write(Suite suite, List<Problem> problems, long seed) {
        SolutionStyle style = style(suite);
        Random random = new Random(seed * 7_919 + 17);
        List<String> out = new ArrayList<>(problems.size());
        for (Problem p : problems) {
            if (style != null) {
                out.add(style.write(p, random));
            } else if (p.referenceSolution() == null || p.referenceSolution().isBlank()) {
                throw new IllegalArgumentException("problem " + p.id() + " has no reference solution; SFT of the demo's "
                        + "model needs gold step-by-step solutions");
            } else {
                out.add(p.referenceSolution());
            }
        }
        return out;
    }
}
