package org.stepdpo.config.baselines;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One problem's graded greedy answer, as kept in a baseline so that a later run on the same problems can be
 * compared problem by problem (a paired test).
 *
 * <p>Written as a short code so that a baseline stays readable and a changed problem is a one-line diff:
 * {@code +3} (right, 3 steps, no wrong step found), {@code +3@2} (right, but step 2 is wrong), {@code -3@1}
 * (wrong, first wrong step 1), {@code -3} (wrong, no wrong step found).
 *
 * @param id             the problem's id
 * @param correct        whether the final answer is right
 * @param steps          number of steps of the answer
 * @param firstWrongStep 1-based position of the first wrong step the judge found, or null
 */
public record ProblemOutcome(String id, boolean correct, int steps, Integer firstWrongStep) {

    /** The format of {@link #code()}, written into every baseline file as its legend. */
    public static final String LEGEND = "+ right / - wrong, the number of steps, then @k when the step judge found "
            + "the first wrong step at step k (1-based)";
    private static final Pattern CODE = Pattern.compile("([+-])(\\d{1,4})(?:@(\\d{1,4}))?");

    public ProblemOutcome {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a problem outcome needs an id");
        }
        if (steps < 0 || (firstWrongStep != null && firstWrongStep < 1)) {
            throw new IllegalArgumentException("problem " + id + ": steps " + steps + ", first wrong step "
                    + firstWrongStep);
        }
    }

    public String code() {
        return (correct ? "+" : "-") + steps + (firstWrongStep == null ? "" : "@" + firstWrongStep);
    }

    /** Reads a {@link #code()}; a malformed code fails, saying what was expected. */
    public static ProblemOutcome parse(String id, String code) {
        Matcher m = CODE.matcher(code == null ? "" : code.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("outcome \"" + code + "\" is not of the form +3, -3 or -3@2 (" + LEGEND + ")");
        }
        return new ProblemOutcome(id, m.group(1).equals("+"), Integer.parseInt(m.group(2)),
                m.group(3) == null ? null : Integer.parseInt(m.group(3)));
    }
}
