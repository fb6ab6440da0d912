package org.stepdpo.demo;

import java.util.ArrayList;
import java.util.List;
import org.stepdpo.data.Grade;
import org.stepdpo.metrics.Metrics;
import org.stepdpo.metrics.ScoredSample;

/**
 * Sampled accuracy of one model on the test problems, k samples each at {@code temperature}.
 *
 * @param n           problems
 * @param k           samples per problem
 * @param temperature sampling temperature (top-p as in the data loop)
 * @param passAt1     mean share of right samples per problem
 * @param passAtK     share of problems with at least one right sample (n = k, so the unbiased estimator is exact)
 * @param majAtK      share of problems whose majority answer is right (the vote of docs/METRICS.md)
 */
public record Headroom(int n, int k, double temperature, double passAt1, double passAtK, double majAtK) {

    /** From graded samples: {@code grades.get(i)} are the k samples of problem i (docs/METRICS.md's definitions). */
    static Headroom of(List<List<Grade>> grades, double temperature) {
        List<ScoredSample> samples = new ArrayList<>();
        for (int i = 0; i < grades.size(); i++) {
            List<Grade> problem = grades.get(i);
            for (int j = 0; j < problem.size(); j++) {
                Grade g = problem.get(j);
                String answer = g.extracted() == null || g.extracted().isBlank() ? null : g.extracted();
                samples.add(new ScoredSample("p" + i, j, g.correct(), 0, false, null, answer));
            }
        }
        int n = grades.size();
        int k = n == 0 ? 0 : grades.get(0).size();
        if (n == 0) {
            return new Headroom(0, 0, temperature, 0, 0, 0);
        }
        return new Headroom(n, k, temperature, Metrics.passAt1(samples), Metrics.passAtK(samples, k),
                Metrics.majAtK(samples, k).value());
    }
}
