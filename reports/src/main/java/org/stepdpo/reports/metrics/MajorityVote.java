package org.stepdpo.reports.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.stepdpo.reports.runs.SampleOutcome;

/**
 * Majority vote over one problem's stored samples, by the rule harness-core's evaluation uses for the maj@k it
 * hands over: right answers form one group, wrong ones group by their text without whitespace, samples without
 * an answer do not vote, and the right group wins when it is strictly largest or tied for largest and seen first.
 */
public final class MajorityVote {

    private static final String RIGHT = "\u0000right";

    private MajorityVote() {
    }

    /** {@code samples} of one problem, in sample order. */
    public static boolean isRight(List<SampleOutcome> samples) {
        return isRight(samples, SampleOutcome::extractedAnswer, SampleOutcome::correct);
    }

    /**
     * The same vote over any sample type: {@code answer} gives the extracted answer (null: no vote) and
     * {@code correct} the grader's verdict.
     */
    public static <T> boolean isRight(List<T> samples, Function<T, String> answer, Predicate<T> correct) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (T s : samples) {
            String a = answer.apply(s);
            if (a != null) {
                votes.merge(correct.test(s) ? RIGHT : a.replaceAll("\\s+", ""), 1, Integer::sum);
            }
        }
        String winner = null;
        int best = 0;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > best) {
                winner = e.getKey();
                best = e.getValue();
            }
        }
        return RIGHT.equals(winner);
    }
}
