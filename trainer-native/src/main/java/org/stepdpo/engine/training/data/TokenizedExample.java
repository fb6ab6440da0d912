package org.stepdpo.engine.training.data;

/**
 * A training example as token ids: the prefix is never scored, only the continuations are.
 *
 * @param index    position in the data set (keys precomputed reference log-probs)
 * @param line     line of the source file, for messages
 * @param prefix   prompt tokens (template, problem, and for Step-DPO the correct steps s1..s(k-1))
 * @param chosen   s_win / the whole winning answer / the SFT completion
 * @param rejected s_lose / the whole losing answer; null for SFT
 */
public record TokenizedExample(int index, int line, int[] prefix, int[] chosen, int[] rejected) {

    public boolean isPair() {
        return rejected != null;
    }

    /** Tokens the policy reads for this example (both rows of a pair). */
    public long tokenCount() {
        return prefix.length + chosen.length + (rejected == null ? 0 : prefix.length + rejected.length);
    }
}
