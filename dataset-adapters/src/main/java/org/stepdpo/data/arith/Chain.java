package org.stepdpo.data.arith;

import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of a synthetic problem: a start value and operations, each applied to the previous
 * result. Written compactly as {@code "12 +7 -5 *2"} (in a problem's metadata, for the step verifier).
 */
public record Chain(long start, List<Operation> operations) {

    /** One step: apply {@code op} with {@code operand} to the running value. */
    public record Operation(Op op, long operand) {
    }

    public Chain {
        operations = List.copyOf(operations);
    }

    /** The running values: {@code get(0)} is the start, {@code get(k)} the result of step k. */
    public List<Long> values() {
        List<Long> values = new ArrayList<>(operations.size() + 1);
        long v = start;
        values.add(v);
        for (Operation o : operations) {
            v = o.op().apply(v, o.operand());
            values.add(v);
        }
        return values;
    }

    public long answer() {
        List<Long> v = values();
        return v.get(v.size() - 1);
    }

    public String encode() {
        StringBuilder sb = new StringBuilder(Long.toString(start));
        for (Operation o : operations) {
            sb.append(' ').append(o.op().symbol()).append(o.operand());
        }
        return sb.toString();
    }

    /** Parses {@link #encode()}'s form; fails with IllegalArgumentException naming the bad part. */
    public static Chain parse(String text) {
        String[] parts = text.strip().split("\\s+");
        try {
            long start = Long.parseLong(parts[0]);
            List<Operation> ops = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                ops.add(new Operation(Op.ofSymbol(parts[i].charAt(0)), Long.parseLong(parts[i].substring(1))));
            }
            return new Chain(start, ops);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a chain such as \"12 +7 -5 *2\": \"" + text + "\"", e);
        }
    }

    /**
     * How solutions write one step's arithmetic: {@code 19-5=14}. Without spaces, because a tiny model
     * reads digit by digit and every token of the solution costs training time.
     */
    public static String equation(long left, Op op, long right, long result) {
        return Long.toString(left) + op.symbol() + right + "=" + result;
    }
}
