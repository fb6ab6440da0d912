package org.stepdpo.engine.training.data;

import java.util.Arrays;

/**
 * The truncation rule of the reference implementation (TRL's DPOTrainer.tokenize_row, truncation_mode
 * keep_end, which Step-DPO's trainer inherits): when prompt + longer response exceeds maxLength, the prompt
 * keeps its last maxPromptLength tokens; when that is still too long, each response keeps its first
 * maxLength − maxPromptLength tokens.
 */
public record Truncation(int maxLength, int maxPromptLength) {

    public Truncation {
        if (maxLength < 2 || maxPromptLength < 1 || maxPromptLength >= maxLength) {
            throw new IllegalArgumentException("need 1 <= max prompt length (" + maxPromptLength
                    + ") < max length (" + maxLength + ")");
        }
    }

    /** Counts of what was cut, over a data set. */
    public record Stats(int examples, int promptsTruncated, int responsesTruncated) {
        public Stats plus(boolean prompt, boolean response) {
            return new Stats(examples + 1, promptsTruncated + (prompt ? 1 : 0), responsesTruncated + (response ? 1 : 0));
        }
    }

    /** The cut example (responses: one for SFT, two for a pair) and what was cut. */
    public record Result(int[] prefix, int[][] responses, boolean promptCut, boolean responsesCut) {
    }

    public Result apply(int[] prefix, int[]... responses) {
        int longer = Arrays.stream(responses).mapToInt(r -> r.length).max().orElse(0);
        int[] p = prefix;
        boolean promptCut = false;
        if (p.length + longer > maxLength && p.length > maxPromptLength) {
            p = Arrays.copyOfRange(p, p.length - maxPromptLength, p.length);
            promptCut = true;
        }
        int[][] out = responses.clone();
        boolean responsesCut = false;
        if (p.length + longer > maxLength) {
            int keep = maxLength - maxPromptLength;
            for (int i = 0; i < out.length; i++) {
                if (out[i].length > keep) {
                    out[i] = Arrays.copyOf(out[i], keep);
                    responsesCut = true;
                }
            }
        }
        return new Result(p, out, promptCut, responsesCut);
    }
}
