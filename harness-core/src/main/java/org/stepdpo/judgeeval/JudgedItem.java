package org.stepdpo.judgeeval;

import org.stepdpo.judges.JudgeInput;
import org.stepdpo.judges.Judgement;

/**
 * A labelled item with what the judge said about it.
 *
 * @param index position of the item in its split file (0-based)
 * @param input the solution as the judge saw it (the steps joined, with their spans)
 */
public record JudgedItem(String split, int index, ProcessBenchItem item, JudgeInput input, Judgement judgement) {

    /** The judge's first wrong step, -1 for "no error", or null when it reached no verdict. */
    public Integer predicted() {
        return judgement.decided() ? judgement.firstErrorIndex() : null;
    }

    /** Whether the prediction equals the gold label (ProcessBench's exact match). */
    public boolean matches() {
        Integer p = predicted();
        return p != null && p == item.label();
    }
}
