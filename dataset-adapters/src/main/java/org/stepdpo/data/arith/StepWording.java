package org.stepdpo.data.arith;

/**
 * Equivalent ways of writing one step's arithmetic. The verifier accepts every one of them, so two solutions can
 * differ in wording while agreeing on every value.
 */
public enum StepWording {
    /** {@code 15-4=11} (the gold solutions' form). */
    COMPACT,
    /** {@code 15 - 4 = 11}. */
    SPACED,
    /** {@code Take 4 from 15: 11}, {@code Add 4 to 15: 19}, {@code Multiply 15 by 3: 45}. */
    WORDS;

    /** One step's arithmetic in this wording: {@code left op right} gives {@code result}. */
    public String write(long left, Op op, long right, long result) {
        return switch (this) {
            case COMPACT -> Chain.equation(left, op, right, result);
            case SPACED -> left + " " + op.symbol() + " " + right + " = " + result;
            case WORDS -> switch (op) {
                case ADD -> "Add " + right + " to " + left + ": " + result;
                case SUB -> "Take " + right + " from " + left + ": " + result;
                case MUL -> "Multiply " + left + " by " + right + ": " + result;
            };
        };
    }
}
