package org.stepdpo.reports.runs;

/**
 * Metrics of one optimizer step of a training run, as the paper's Figure 2 plots them (docs/METHOD.md): with
 * r = β·(log πθ − log πref), reward accuracy = share of pairs with r_win &gt; r_lose, reward margin =
 * mean(r_win − r_lose). The preference fields are null for SFT; any field a trainer does not measure is null.
 *
 * @param step            0-based optimizer step
 * @param epoch           fractional epoch at this step, or null
 * @param loss            training loss
 * @param rewardAccuracy  share in [0, 1], or null
 * @param rewardMargin    mean reward margin, or null
 * @param chosenReward    mean reward of the chosen (winning) completions, or null
 * @param rejectedReward  mean reward of the rejected (losing) completions, or null
 * @param learningRate    learning rate used at this step, or null
 * @param gradNorm        gradient norm before clipping, or null
 * @param tokensPerSecond training throughput, or null
 * @param peakMemoryBytes peak device memory so far, or null
 */
public record TrainingMetric(int step, Double epoch, double loss, Double rewardAccuracy, Double rewardMargin,
        Double chosenReward, Double rejectedReward, Double learningRate, Double gradNorm, Double tokensPerSecond,
        Long peakMemoryBytes) {

    public TrainingMetric {
        if (step < 0) {
            throw new IllegalArgumentException("training step " + step + " is negative");
        }
        if (!Double.isFinite(loss)) {
            throw new IllegalArgumentException("training step " + step + " has loss " + loss + "; expected a finite number");
        }
        if (rewardAccuracy != null && !(rewardAccuracy >= 0 && rewardAccuracy <= 1)) {
            throw new IllegalArgumentException("training step " + step + " has reward accuracy " + rewardAccuracy
                    + "; expected a share in [0, 1]");
        }
    }

    /** A step of supervised fine-tuning: only the loss (and what the trainer passes later) is known. */
    public static TrainingMetric sft(int step, double loss, Double learningRate) {
        return new TrainingMetric(step, null, loss, null, null, null, null, learningRate, null, null, null);
    }
}
