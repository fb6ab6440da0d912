package org.stepdpo.data.arith;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Programmatic judge of the synthetic task's reasoning steps: step k must take the running value after
 * k operations, apply the problem's k-th operation with its quantity, and compute it right; the final
 * answer must come after the last operation and equal its result. A step may be written in any
 * {@link StepWording}.
 *
 * <p>Every reason for a wrong step starts with its {@link ErrorKind}'s label ("arithmetic: 19 - 5 is 14, not
 * 13"), so the kind of a stored verdict can be read back from its text ({@link ErrorKind#ofReason}).
 */
public final class ArithStepVerifier {

    private static final Pattern ANSWER = Pattern.compile("(?i)the answer is:?\\s*(-?\\d{1,18})");

    /** What is wrong with a step. */
    public enum ErrorKind {
        /** Right operation and quantity, wrong result: a slip. */
        ARITHMETIC("arithmetic"),
        /** Another operation than the problem's (e.g. adds what the story takes away). */
        WRONG_OPERATION("wrong operation"),
        /** The right operation with another quantity. */
        WRONG_QUANTITY("wrong quantity"),
        /** Starts from another value than the running one. */
        WRONG_VALUE("wrong value"),
        /** No arithmetic statement the verifier can read. */
        NO_ARITHMETIC("no arithmetic"),
        /** More steps than operations. */
        EXTRA_STEP("extra step"),
        /** Stops, or answers, before the last operation. */
        INCOMPLETE("incomplete"),
        /** The stated final answer is not the last result. */
        WRONG_ANSWER("wrong answer");

        private final String label;

        ErrorKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The kind a reason written by this verifier starts with, or null for any other text. */
        public static ErrorKind ofReason(String reason) {
            if (reason != null) {
                for (ErrorKind k : values()) {
                    if (reason.startsWith(k.label + ":")) {
                        return k;
                    }
                }
            }
            return null;
        }

        String because(String why) {
            return label + ": " + why;
        }
    }

    /** The verdict on one step; {@code kind} is null for a right step. */
    public record StepCheck(int index, boolean correct, String reason, ErrorKind kind) {
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

        /** What is wrong with the first wrong step, or null when every step is right. */
        public ErrorKind firstErrorKind() {
            return firstError < 0 ? null : checks.get(firstError).kind();
        }
    }

    /** A step's fault: its kind and the reason text (which starts with the kind's label). */
    private record Fault(ErrorKind kind, String reason) {
        static Fault of(ErrorKind kind, String why) {
            return new Fault(kind, kind.because(why));
        }
    }

    /** Checks step bodies (the text after each "Step k:" marker) against the problem's chain. */
    public Verification verify(Chain chain, List<String> stepBodies) {
        List<Long> values = chain.values();
        List<Chain.Operation> ops = chain.operations();
        List<StepCheck> checks = new ArrayList<>();
        for (int k = 0; k < stepBodies.size(); k++) {
            Fault fault = check(k, stepBodies.get(k), values, ops);
            if (fault == null && k == stepBodies.size() - 1 && k < ops.size() - 1) {
                fault = Fault.of(ErrorKind.INCOMPLETE, "the solution stops after " + (k + 1) + " of " + ops.size()
                        + " operations");
            }
            if (fault != null) {
                checks.add(new StepCheck(k, false, fault.reason(), fault.kind()));
                return new Verification(checks, k);
            }
            checks.add(new StepCheck(k, true, "ok: " + Chain.equation(values.get(k), ops.get(k).op(),
                    ops.get(k).operand(), values.get(k + 1)), null));
        }
        return new Verification(checks, -1);
    }

    /** What is wrong with step k, or null when it is right. */
    private static Fault check(int k, String body, List<Long> values, List<Chain.Operation> ops) {
        if (k >= ops.size()) {
            return Fault.of(ErrorKind.EXTRA_STEP, "the problem has only " + ops.size() + " operations; step " + (k + 1)
                    + " is one too many");
        }
        StepArithmetic a = StepArithmetic.find(body);
        if (a == null) {
            return Fault.of(ErrorKind.NO_ARITHMETIC, "no statement such as \"a + b = c\" or \"Take b from a: c\" in the step");
        }
        Chain.Operation expected = ops.get(k);
        if (a.left() != values.get(k)) {
            return Fault.of(ErrorKind.WRONG_VALUE, "starts from " + a.left() + ", but the running value is " + values.get(k));
        }
        if (a.op() != expected.op() || a.right() != expected.operand()) {
            return Fault.of(a.op() != expected.op() ? ErrorKind.WRONG_OPERATION : ErrorKind.WRONG_QUANTITY,
                    "applies " + a.op().symbol() + " " + a.right() + ", but the problem's next operation is "
                            + expected.op().symbol() + " " + expected.operand());
        }
        long actual = a.op().apply(a.left(), a.right());
        if (a.result() != actual) {
            return Fault.of(ErrorKind.ARITHMETIC, a.left() + " " + a.op().symbol() + " " + a.right() + " is " + actual
                    + ", not " + a.result());
        }
        Matcher answer = ANSWER.matcher(body.substring(a.end()));
        if (answer.find()) {
            if (k < ops.size() - 1) {
                return Fault.of(ErrorKind.INCOMPLETE, "gives the final answer after " + (k + 1) + " of " + ops.size()
                        + " operations");
            }
            long given = Long.parseLong(answer.group(1));
            if (given != a.result()) {
                return Fault.of(ErrorKind.WRONG_ANSWER, "final answer " + given + " differs from the last result "
                        + a.result());
            }
        }
        return null;
    }
}
