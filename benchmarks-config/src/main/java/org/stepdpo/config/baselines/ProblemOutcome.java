package org.stepdpo.config.baselines;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stepdpo.metrics.ScoredSample;

/**
 * One problem's graded greedy answer, as kept in a baseline so that a later run on the same problems can be
 * compared problem by problem (a paired test).
 *
 * <p>Written as a short code so that a baseline stays readable and a changed problem is a one-line diff:
 * {@code +3} (right, 3 steps, the judge accepted every step it assessed), {@code +3@2} (right, but step 2 is
 * wrong), {@code -3@1} (wrong, first wrong step 1), {@code -3} (wrong, no wrong step found), and a trailing
 * {@code ?} ({@code +3?}, {@code -3?}) when the step judge gave no verdict on the answer at all: such answers are
 * left out of the step metrics' denominators (docs/METRICS.md).
 *
 * @param id             the problem's id
 * @param correct        whether the final answer is right
 * @param steps          number of steps of the answer
 * @param judged         whether the step judge gave a verdict on at least one step
 * @param firstWrongStep 1-based position of the first wrong step the judge found, or null
 */
public record ProblemOutcome(String id, boolean correct, int steps, boolean judged, Integer firstWrongStep) {

    /** The format of {@link #code()}, written into every baseline file as its legend. */
    public static final String LEGEND = "+ right / - wrong, the number of steps, then @k when the step judge found "
            + "the first wrong step at step k (1-based), or ? when the step judge gave no verdict on the answer";
    private static final Pattern CODE = Pattern.compile("([+-])(\\d{1,4})(?:@(\\d{1,4})|(\\?))?");

    public ProblemOutcome {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a problem outcome needs an id");
        }
        if (steps < 0 || (firstWrongStep != null && (firstWrongStep < 1 || firstWrongStep > steps))) {
            throw new IllegalArgumentException("problem " + id + ": steps " + steps + ", first wrong step "
                    + firstWrongStep + "; expected 1 <= first wrong step <= steps");
        }
        if (firstWrongStep != null && !judged) {
            throw new IllegalArgumentException("problem " + id + ": a first wrong step needs a judged answer");
        }
    }

    public String code() {
        return (correct ? "+" : "-") + steps + (firstWrongStep != null ? "@" + firstWrongStep : judged ? "" : "?");
    }

    /** The outcome as the metrics see it: the problem's only sample. */
    public ScoredSample scored() {
        return new ScoredSample(id, 0, correct, steps, judged, firstWrongStep == null ? null : firstWrongStep - 1, null);
    }

    /** Reads a {@link #code()}; a malformed code fails, saying what was expected. */
    public static ProblemOutcome parse(String id, String code) {
        Matcher m = CODE.matcher(code == null ? "" : code.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("outcome \"" + code + "\" is not of the form +3, -3, -3@2 or -3? ("
                    + LEGEND + ")");
        }
        return new ProblemOutcome(id, m.group(1).equals("+"), Integer.parseInt(m.group(2)), m.group(4) == null,
                m.group(3) == null ? null : Integer.parseInt(m.group(3)));
    }
}
