package org.stepdpo.reports.comparison;

/**
 * A problem that one run got right and the other wrong.
 *
 * @param sampleIdA first sample of the problem in run A (links to its page)
 * @param answerA   that sample's extracted answer, or null
 */
public record ProblemFlip(String problemId, int problemIndex, boolean rightInA, boolean rightInB, long sampleIdA,
        long sampleIdB, String answerA, String answerB) {

    /** "gained" when B fixed what A got wrong, "lost" when B broke what A got right. */
    public String direction() {
        return rightInB ? "gained" : "lost";
    }
}
