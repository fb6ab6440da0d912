package org.stepdpo.engine.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stepdpo.engine.checkpoint.HfCheckpoint;

/**
 * What one optimiser step measured. Reward fields (docs/METHOD.md: r = β·(log πθ − log πref)) are null
 * for SFT.
 *
 * @param step             1-based optimiser step
 * @param loss             mean loss over the step's micro-batches
 * @param rewardAccuracy   share of pairs with r_win &gt; r_lose
 * @param rewardMargin     mean r_win − r_lose
 * @param chosenReward     mean r_win
 * @param rejectedReward   mean r_lose
 * @param chosenLogProb    mean log πθ(win | prefix)
 * @param rejectedLogProb  mean log πθ(lose | prefix)
 * @param lr               learning rate used by this step
 * @param gradNorm         global gradient norm before clipping
 * @param tokensPerSecond  policy tokens (padding excluded) per wall-clock second of the step
 * @param peakMemoryMb     peak resident memory (CPU) or device memory in use (CUDA), MiB
 */
public record StepMetrics(int step, int totalSteps, double epoch, double loss, Double rewardAccuracy,
                          Double rewardMargin, Double chosenReward, Double rejectedReward, Double chosenLogProb,
                          Double rejectedLogProb, double lr, double gradNorm, double tokensPerSecond,
                          double peakMemoryMb, double seconds) {

    /** One line of metrics.jsonl (snake_case keys, reward fields omitted when absent). */
    public ObjectNode toJson() {
        ObjectNode n = HfCheckpoint.json().createObjectNode();
        n.put("step", step);
        n.put("epoch", epoch);
        n.put("loss", loss);
        put(n, "reward_accuracy", rewardAccuracy);
        put(n, "reward_margin", rewardMargin);
        put(n, "chosen_reward", chosenReward);
        put(n, "rejected_reward", rejectedReward);
        put(n, "chosen_logp", chosenLogProb);
        put(n, "rejected_logp", rejectedLogProb);
        n.put("lr", lr);
        n.put("grad_norm", gradNorm);
        n.put("tokens_per_s", tokensPerSecond);
        n.put("peak_memory_mb", peakMemoryMb);
        n.put("seconds", seconds);
        return n;
    }

    private static void put(ObjectNode n, String key, Double value) {
        if (value != null) {
            n.put(key, value);
        }
    }
}
