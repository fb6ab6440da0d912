package org.stepdpo.reports.metrics;

import java.util.List;

import org.stepdpo.metrics.AnswerMetrics;
import org.stepdpo.metrics.ScoredSample;
import org.stepdpo.metrics.WilsonInterval;

/**
 * Answer metrics over a set of samples (a whole run, or one level or subject), as docs/METRICS.md defines them.
 *
 * @param group        the level or subject, or "all"
 * @param problems     distinct problems
 * @param n            graded samples
 * @param correct      samples with a right final answer
 * @param firstCorrect problems whose first sample is right
 * @param accuracy     firstCorrect / problems; null without problems
 * @param interval     95% Wilson interval of the accuracy
 * @param passAt1      mean over problems of the share of right samples; null without problems
 * @param passAtK      pass@k (Chen et al.) at k, or null when k &lt; 2 or a problem has fewer than k samples
 * @param majAtK       share of problems whose majority answer is right, or null with one sample per problem
 * @param k            the most samples any problem has (the k of pass@k and maj@k)
 * @param noAnswer     samples without an extracted answer
 */
public record GroupMetrics(String group, int problems, int n, int correct, int firstCorrect, Double accuracy,
        WilsonInterval interval, Double passAt1, Double passAtK, Double majAtK, int k, int noAnswer) {

    static GroupMetrics of(String group, List<ScoredSample> samples) {
        AnswerMetrics m = AnswerMetrics.of(samples);
        return new GroupMetrics(group, m.problems(), m.samples(), m.correctSamples(), m.accuracy().count(),
                m.accuracy().value(), m.accuracy().wilson95(), m.passAt1(), m.passAtK(), m.majAtKValue(), m.k(),
                m.noAnswer());
    }
}
