package org.stepdpo.reports.metrics;

import org.stepdpo.metrics.WilsonInterval;

/**
 * Answer accuracy over a set of samples (a whole run, or one level or subject).
 *
 * @param group     the level or subject, or "all"
 * @param problems  distinct problems
 * @param n         graded samples
 * @param correct   samples with a right final answer
 * @param accuracy  correct / n
 * @param interval  95% Wilson interval of the accuracy
 * @param passAt1   mean over problems of the share of right samples
 * @param majAtK    share of problems whose majority answer is right, or null with one sample per problem
 * @param k         the most samples any problem has (the k of maj@k)
 * @param noAnswer  samples without an extracted answer
 */
public record GroupMetrics(String group, int problems, int n, int correct, double accuracy, WilsonInterval interval,
        double passAt1, Double majAtK, int k, int noAnswer) {
}
