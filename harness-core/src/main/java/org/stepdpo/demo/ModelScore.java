package org.stepdpo.demo;

/**
 * One model's greedy test score with the step judge's per-step metrics; a row of the demo's leaderboard. Every
 * number is docs/METRICS.md's, computed by {@code org.stepdpo.metrics.Metrics}.
 *
 * @param name                 sft, dpo or step-dpo
 * @param model                the model folder's name as stored with the eval run
 * @param n                    test problems (one greedy answer each)
 * @param correct              right final answers
 * @param accuracy             correct / n
 * @param ci95Low              95% Wilson interval of the accuracy, low end
 * @param ci95High             high end
 * @param meanSteps            mean number of steps per answer
 * @param firstErrorPosition   mean 1-based position of the first wrong step among wrong answers in which the judge
 *                             located one, or null when there is none
 * @param wrongLocalized       wrong answers in which the judge located a wrong step (the denominator above)
 * @param rightThroughWrongStep share of the right answers the judge assessed that contain a wrong step (right by
 *                             luck), or null when it assessed no right answer
 * @param runId                the eval run's id in the database
 */
public record ModelScore(String name, String model, int n, int correct, double accuracy, double ci95Low,
                         double ci95High, double meanSteps, Double firstErrorPosition, int wrongLocalized,
                         Double rightThroughWrongStep, long runId) {
}
