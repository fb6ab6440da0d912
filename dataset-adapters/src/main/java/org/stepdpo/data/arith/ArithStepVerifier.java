package org.stepdpo.data.arith;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Programmatic judge of the synthetic task's reasoning steps: step k must take the running value after
 * k operations, apply the problem's k-th operation with its quantity, and compute it right; the final
 * answer must come after the last operation and equal its result.
 */
public final class ArithStepVerifier {

    private static final Pattern EQUATION =
            Pattern.compile("(-?\\d{1,18})\\s*([-+*x×−])\\s*(-?\\d{1,18})\\s*=\\s*(-?\\d{1,18})");
    private static final Pattern ANSWER = Pattern.compile("(?i)the answer is:?\\s*(-?\\d{1,18})");

    /** The verdict on one step. */
    public record StepCheck(int index, boolean correct, String reason) {
    }

    /**
     * The verdicts up to and including the first wrong step.
     *
     * @param checks     one per step checked, in order
     * @param firstError 0-based index of the first wrong step, or -1 when every step is right
     */
    public record Verification(List<StepCheck> checks, int firstError) {
        public Verification {
            checks = List.copyOf(checks);
        }

        public boolean allCorrect() {
            return firstError < 0;
        }
    }

    /** Checks step bodies (the text after each "Step k:" marker) against the problem's chain. */
    public Verification verify(Chain chain, List<String> stepBodies) {
        List<Long> values = chain.values();
        List<Chain.Operation> ops = chain.operations();
        List<StepCheck> checks = new ArrayList<>();
        for (int k = 0; k < stepBodies.size(); k++) {
            String problem = check(k, stepBodies.get(k), values, ops);
            if (problem == null && k == stepBodies.size() - 1 && k < ops.size() - 1) {
                problem = "the solution stops after " + (k + 1) + " of " + ops.size() + " operations";
            }
            if (problem != null) {
                checks.add(new StepCheck(k, false, problem));
                return new Verification(checks, k);
            }
            checks.add(new StepCheck(k, true, "ok: " + Chain.equation(values.get(k), ops.get(k).op(),
                    ops.get(k).operand(), values.get(k + 1))));
        }
        return new Verification(checks, -1);
    }

    /** Why step k is wrong, or null when it is right. */
    private static String check(int k, String body, List<Long> values, List<Chain.Operation> ops) {
        if (k >= ops.size()) {
            return "the problem has only " + ops.size() + " operations; step " + (k + 1) + " is one too many";
        }
        Matcher m = EQUATION.matcher(body);
        if (!m.find()) {
            return "no equation such as \"a + b = c\" in the step";
        }
        long left = Long.parseLong(m.group(1));
        Op op = Op.ofSymbol(m.group(2).charAt(0));
        long right = Long.parseLong(m.group(3));
        long result = Long.parseLong(m.group(4));
        Chain.Operation expected = ops.get(k);
        if (left != values.get(k)) {
            return "starts from " + left + ", but the running value is " + values.get(k);
        }
        if (op != expected.op() || right != expected.operand()) {
            return "applies " + op.symbol() + " " + right + ", but the problem's next operation is "
                    + expected.op().symbol() + " " + expected.operand();
        }
        long actual = op.apply(left, right);
        if (result != actual) {
            return "arithmetic: " + left + " " + op.symbol() + " " + right + " is " + actual + ", not " + result;
        }
        Matcher answer = ANSWER.matcher(body.substring(m.end()));
        if (answer.find()) {
            if (k < ops.size() - 1) {
                return "gives the final answer after " + (k + 1) + " of " + ops.size() + " operations";
            }
            long given = Long.parseLong(answer.group(1));
            if (given != result) {
                return "final answer " + given + " differs from the last result " + result;
            }
        }
        return null;
    }
}
