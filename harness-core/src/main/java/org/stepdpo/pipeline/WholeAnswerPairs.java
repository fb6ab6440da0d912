package org.stepdpo.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs for the vanilla DPO baseline (paper Table 3): a right whole answer against a wrong whole answer
 * to the same problem, from the error-collection samples. The i-th distinct right answer meets the i-th
 * distinct wrong one, so no answer is used twice. Written in the same schema as step pairs, with the
 * template's response prefix as {@code initial_reason_steps}, so one reader serves both.
 */
public final class WholeAnswerPairs {

    /** The answers sampled for one problem. */
    public record ProblemAnswers(String dataset, String problemId, String question, String answer,
                                 List<String> rightCompletions, List<String> wrongCompletions) {
    }

    private WholeAnswerPairs() {
    }

    public static List<PreferencePair> build(List<ProblemAnswers> problems, String responsePrefix, String sourceModel,
                                             PairRules rules) {
        List<PreferencePair> pairs = new ArrayList<>();
        for (ProblemAnswers p : problems) {
            List<String> right = distinct(p.rightCompletions(), rules.dedupe());
            List<String> wrong = distinct(p.wrongCompletions(), rules.dedupe());
            int n = Math.min(right.size(), wrong.size());
            if (rules.maxDpoPairsPerProblem() > 0) {
                n = Math.min(n, rules.maxDpoPairsPerProblem());
            }
            for (int i = 0; i < n; i++) {
                String chosen = PairBuilder.trimEnd(right.get(i));
                String rejected = PairBuilder.trimEnd(wrong.get(i));
                pairs.add(new PreferencePair(p.dataset(), p.question(), responsePrefix, chosen, rejected, chosen, rejected,
                        p.answer(), null, null, sourceModel, p.problemId()));
            }
        }
        return pairs;
    }

    private static List<String> distinct(List<String> completions, boolean dedupe) {
        if (!dedupe) {
            return completions;
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        completions.forEach(c -> byKey.putIfAbsent(PairBuilder.normalize(c), c));
        Set<String> keys = new LinkedHashSet<>(byKey.keySet());
        List<String> out = new ArrayList<>(keys.size());
        keys.forEach(k -> out.add(byKey.get(k)));
        return out;
    }
}
