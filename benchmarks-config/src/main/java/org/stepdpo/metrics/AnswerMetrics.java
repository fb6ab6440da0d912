package org.stepdpo.metrics;

import java.util.List;

/**
 * The answer-level metrics of a set of samples, each from {@link Metrics}: what stored run summaries, eval
 * summaries and the dashboard's accuracy tables show.
 *
 * @param problems       distinct problems
 * @param samples        samples
 * @param correctSamples samples with a right final answer
 * @param noAnswer       samples without an extracted answer
 * @param accuracy       {@link Metrics#accuracy}: first samples right / problems
 * @param passAt1        {@link Metrics#passAt1}; null without samples
 * @param k              the most samples any problem has: the k of pass@k and maj@k
 * @param passAtK        {@link Metrics#passAtK} at k; null when k &lt; 2 (pass@1 is then the whole story) or when a
 *                       problem has fewer than k samples
 * @param majAtK         {@link Metrics#majAtK} at k; null when k &lt; 2 (a vote of one is the accuracy)
 * @param steps          {@link Metrics#meanSteps}
 */
public record AnswerMetrics(int problems, int samples, int correctSamples, int noAnswer, Share accuracy,
                            Double passAt1, int k, Double passAtK, Share majAtK, Mean steps) {

    public static AnswerMetrics of(List<ScoredSample> samples) {
        int k = Metrics.samplesPerProblem(samples);
        Share accuracy = Metrics.accuracy(samples);
        return new AnswerMetrics(accuracy.of(), samples.size(),
                (int) samples.stream().filter(ScoredSample::correct).count(),
                (int) samples.stream().filter(s -> s.extractedAnswer() == null).count(),
                accuracy, Metrics.passAt1(samples), k,
                k > 1 ? Metrics.passAtK(samples, k) : null,
                k > 1 ? Metrics.majAtK(samples, k) : null,
                Metrics.meanSteps(samples));
    }

    /** maj@k's value, or null (k &lt; 2). */
    public Double majAtKValue() {
        return majAtK == null ? null : majAtK.value();
    }
}
