package org.stepdpo.steps;

/**
 * One reasoning step of a solution, with its exact place in the solution text.
 *
 * @param index     0-based position among the solution's steps
 * @param text      the step exactly as written: {@code solution.substring(start, end)}, marker included
 * @param start     character offset of the step's first character in the solution
 * @param end       character offset one past the step's last (non-blank) character
 * @param bodyStart offset where the step's content starts, after a "Step k:" marker (== start when none)
 */
public record Step(int index, String text, int start, int end, int bodyStart) {

    /** The step's content without its "Step k:" marker, trimmed. */
    public String body() {
        return text.substring(bodyStart - start).strip();
    }
}
