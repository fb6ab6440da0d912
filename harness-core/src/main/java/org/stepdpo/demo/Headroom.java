package org.stepdpo.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.data.Grade;

/**
 * Sampled accuracy of one model on the test problems, k samples each at {@code temperature}.
 *
 * @param n           problems
 * @param k           samples per problem
 * @param temperature sampling temperature (top-p as in the data loop)
 * @param passAt1     mean share of right samples per problem
 * @param passAtK     share of problems with at least one right sample (n = k, so the unbiased estimator is exact)
 * @param majAtK      share of problems whose most frequent extracted answer is right (ties: the answer seen first;
 *                    samples without an answer do not vote; no votes: wrong)
 */
public record Headroom(int n, int k, double temperature, double passAt1, double passAtK, double majAtK) {

    /** From graded samples: {@code grades.get(i)} are the k samples of problem i. */
    static Headroom of(List<List<Grade>> grades, double temperature) {
        int n = grades.size();
        int k = n == 0 ? 0 : grades.get(0).size();
        double pass1 = 0;
        int passK = 0;
        int majK = 0;
        for (List<Grade> samples : grades) {
            long right = samples.stream().filter(Grade::correct).count();
            pass1 += (double) right / samples.size();
            passK += right > 0 ? 1 : 0;
            majK += majorityRight(samples) ? 1 : 0;
        }
        return new Headroom(n, k, temperature, n == 0 ? 0 : pass1 / n, n == 0 ? 0 : (double) passK / n,
                n == 0 ? 0 : (double) majK / n);
    }

    /** Whether the most frequent extracted answer (first seen wins a tie) is graded right. */
    static boolean majorityRight(List<Grade> samples) {
        Map<String, int[]> votes = new LinkedHashMap<>();
        Map<String, Boolean> right = new LinkedHashMap<>();
        for (Grade g : samples) {
            if (g.extracted() == null || g.extracted().isBlank()) {
                continue;
            }
            String answer = g.extracted().strip();
            votes.computeIfAbsent(answer, a -> new int[1])[0]++;
            right.putIfAbsent(answer, g.correct());
        }
        String best = null;
        int most = 0;
        for (Map.Entry<String, int[]> e : votes.entrySet()) {
            if (e.getValue()[0] > most) {
                best = e.getKey();
                most = e.getValue()[0];
            }
        }
        return best != null && right.get(best);
    }
}
