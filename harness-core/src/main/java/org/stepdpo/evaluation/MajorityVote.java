package org.stepdpo.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Majority voting (maj@k) over one problem's completions.
 *
 * <p>Votes are grouped by answer. All completions the grader accepts are equivalent to the reference
 * and so to each other: they form one group. Wrong answers are grouped by their extracted text with
 * whitespace removed (two differently written wrong answers that happen to be equal count as two
 * groups, which can only make the wrong side weaker; it never turns a wrong vote into a right one).
 * Completions without an answer do not vote. The vote is right when the correct group is strictly the
 * largest, or tied for largest and reached first — the same first-seen tie rule as the usual
 * {@code Counter.most_common} implementations.
 */
final class MajorityVote {

    private static final String CORRECT = "\u0000correct";

    private MajorityVote() {
    }

    static boolean isCorrect(List<SampleResult> completions) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (SampleResult s : completions) {
            if (s.extracted() == null) {
                continue;
            }
            String key = s.correct() ? CORRECT : s.extracted().replaceAll("\\s+", "");
            votes.merge(key, 1, Integer::sum);
        }
        String winner = null;
        int best = 0;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > best) {
                winner = e.getKey();
                best = e.getValue();
            }
        }
        return CORRECT.equals(winner);
    }
}
