package org.stepdpo.grading;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an inequality in one variable as the interval of its solutions: {@code x>3} as {@code (3,\infty)},
 * {@code -5\le x\le 5} as {@code [-5,5]}, and a list of them ("x<-1 or x>1", already "x<-1,x>1" after
 * normalization) as their union. Works on normalized answers (no whitespace, {@code \le}/{@code \ge}).
 *
 * <p>The comparison uses it the way math_verify does by default ({@code allow_set_relation_comp=False}): a
 * reference written as an inequality accepts a predicted interval, and two inequalities compare as intervals;
 * a predicted inequality against a reference interval stays different, as in Qwen2.5-Math's and PRM800K's
 * graders, because the question asked for interval notation.
 */
final class SolutionInterval {

    private enum Op {
        LT("<", false, true), LE("\\le", true, true), GT(">", false, false), GE("\\ge", true, false);

        final String text;
        final boolean inclusive;
        final boolean less;

        Op(String text, boolean inclusive, boolean less) {
            this.text = text;
            this.inclusive = inclusive;
            this.less = less;
        }

        Op flipped() {
            switch (this) {
                case LT: return GT;
                case LE: return GE;
                case GT: return LT;
                default: return LE;
            }
        }
    }

    private static final int MAX_RELATIONS = 8;
    private static final String INFINITY = "\\infty";

    private SolutionInterval() {
    }

    /** The interval (or union of intervals) that {@code s} describes, or null when it is not such an inequality. */
    static String of(String s) {
        if (s.indexOf('<') < 0 && s.indexOf('>') < 0 && !s.contains("\\le") && !s.contains("\\ge")) {
            return null;
        }
        List<String> relations = AnswerComparator.Structure.splitTopLevel(s, ",");
        if (relations.size() > MAX_RELATIONS) {
            return null;
        }
        StringBuilder union = new StringBuilder();
        for (String relation : relations) {
            String interval = single(relation);
            if (interval == null) {
                return null;
            }
            if (union.length() > 0) {
                union.append("\\cup");
            }
            union.append(interval);
        }
        return union.toString();
    }

    private static String single(String s) {
        List<String> parts = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            }
            Op op = depth == 0 ? opAt(s, k) : null;
            if (op != null) {
                parts.add(s.substring(start, k).strip());
                ops.add(op);
                k += op.text.length() - 1;
                start = k + 1;
            }
        }
        parts.add(s.substring(start).strip());
        if (ops.size() == 1) {
            String left = parts.get(0);
            String right = parts.get(1);
            Op op = ops.get(0);
            if (isVariable(left) && isBound(right)) {
                return oneSided(op, right);
            }
            if (isVariable(right) && isBound(left)) {
                return oneSided(op.flipped(), left);
            }
            return null;
        }
        if (ops.size() == 2 && isVariable(parts.get(1)) && isBound(parts.get(0)) && isBound(parts.get(2))
                && ops.get(0).less == ops.get(1).less) {
            boolean ascending = ops.get(0).less;
            Op lowOp = ascending ? ops.get(0) : ops.get(1);
            Op highOp = ascending ? ops.get(1) : ops.get(0);
            String low = ascending ? parts.get(0) : parts.get(2);
            String high = ascending ? parts.get(2) : parts.get(0);
            return (lowOp.inclusive ? "[" : "(") + low + "," + high + (highOp.inclusive ? "]" : ")");
        }
        return null;
    }

    /** {@code variable op bound}. */
    private static String oneSided(Op op, String bound) {
        if (op.less) {
            return "(-" + INFINITY + "," + bound + (op.inclusive ? "]" : ")");
        }
        return (op.inclusive ? "[" : "(") + bound + "," + INFINITY + ")";
    }

    private static Op opAt(String s, int k) {
        char c = s.charAt(k);
        if (c == '<' || c == '>') {
            boolean orEqual = k + 1 < s.length() && s.charAt(k + 1) == '=';
            if (orEqual) {
                return null; // "<=" is rare in LaTeX answers; not read
            }
            return c == '<' ? Op.LT : Op.GT;
        }
        if (c == '\\' && (s.startsWith("\\le", k) || s.startsWith("\\ge", k))) {
            int end = k + 3;
            if (end < s.length() && Character.isLetter(s.charAt(end))) {
                return null; // \left, \geqq, ... are other commands
            }
            return s.startsWith("\\le", k) ? Op.LE : Op.GE;
        }
        return null;
    }

    /** A single variable: one Latin letter or a Greek-letter command. */
    private static boolean isVariable(String s) {
        if (s.length() == 1) {
            return Character.isLetter(s.charAt(0)) && s.charAt(0) < 128;
        }
        if (s.length() > 1 && s.charAt(0) == '\\') {
            for (int k = 1; k < s.length(); k++) {
                if (!Character.isLetter(s.charAt(k))) {
                    return false;
                }
            }
            return !s.equals(INFINITY) && !s.equals("\\pi");
        }
        return false;
    }

    /** A bound: a constant expression (no letters outside commands), not empty. */
    private static boolean isBound(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\') {
                int j = k + 1;
                while (j < s.length() && Character.isLetter(s.charAt(j))) {
                    j++;
                }
                k = j - 1;
            } else if (Character.isLetter(c)) {
                return false;
            }
        }
        return true;
    }
}
