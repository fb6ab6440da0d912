package org.stepdpo.regress;

import java.util.ArrayList;
import java.util.List;
import org.stepdpo.config.baselines.BaselineEntry;
import org.stepdpo.config.baselines.ProblemOutcome;

/** Synthetic per-problem outcomes for the gate's tests. */
final class Outcomes {

    private Outcomes() {
    }

    /**
     * An entry over problems p0..p(n-1): the first {@code right} are right (2 steps, clean), the rest wrong with
     * the first wrong step at step 1; {@code flipsDown} of the right ones and {@code flipsUp} of the wrong ones
     * are then flipped, taken from the ends of each block.
     */
    static BaselineEntry entry(String stage, int n, int right, int flipsDown, int flipsUp) {
        List<ProblemOutcome> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean correct = i < right;
            if (correct && i >= right - flipsDown) {
                correct = false;
            } else if (!correct && i >= n - flipsUp) {
                correct = true;
            }
            list.add(new ProblemOutcome("p" + i, correct, 2, true, correct ? null : 1));
        }
        return new BaselineEntry(stage, "arith:test", list);
    }
}
