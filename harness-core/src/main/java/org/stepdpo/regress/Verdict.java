package org.stepdpo.regress;

/** What the gate concluded for one metric. */
public enum Verdict {
    /** No worse beyond the tolerance and not significantly worse. */
    OK("ok"),
    /** Significantly better (reported; a new baseline would record it). */
    BETTER("better"),
    /** Significantly worse, or worse beyond the tolerance. */
    REGRESSION("REGRESSION"),
    /** Undefined on one side (e.g. no right answers to take a share of), or no test and no tolerance. */
    NOT_GATED("not gated");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
