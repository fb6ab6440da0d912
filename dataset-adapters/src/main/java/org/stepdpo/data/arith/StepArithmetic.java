package org.stepdpo.data.arith;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arithmetic a step states, in any {@link StepWording}: {@code 15-4=11}, {@code 15 - 4 = 11},
 * {@code Take 4 from 15: 11}, {@code Add 4 to 15: 19}, {@code Multiply 15 by 3: 45}.
 *
 * @param left   the value the step starts from
 * @param op     the operation it applies
 * @param right  the quantity it applies
 * @param result the value it states
 * @param end    where the statement ends in the step's text
 */
public record StepArithmetic(long left, Op op, long right, long result, int end) {

    private static final String NUM = "(-?\\d{1,18})";
    private static final Pattern EQUATION = Pattern.compile(NUM + "\\s*([-+*x×−])\\s*" + NUM + "\\s*=\\s*" + NUM);
    private static final Pattern ADD = Pattern.compile("(?i)\\badd\\s+" + NUM + "\\s+to\\s+" + NUM + "\\s*:\\s*" + NUM);
    private static final Pattern TAKE = Pattern.compile("(?i)\\btake\\s+" + NUM + "\\s+from\\s+" + NUM + "\\s*:\\s*" + NUM);
    private static final Pattern MULTIPLY = Pattern.compile("(?i)\\bmultiply\\s+" + NUM + "\\s+by\\s+" + NUM + "\\s*:\\s*" + NUM);

    /** One wording's pattern and how its groups map to (left, op, right, result). */
    private record Form(Pattern pattern, Op op, int left, int right, int result) {
    }

    private static final List<Form> WORDED = List.of(new Form(ADD, Op.ADD, 2, 1, 3), new Form(TAKE, Op.SUB, 2, 1, 3),
            new Form(MULTIPLY, Op.MUL, 1, 2, 3));

    /** The first arithmetic statement in {@code text}, or null when there is none. */
    public static StepArithmetic find(String text) {
        StepArithmetic first = null;
        int firstStart = Integer.MAX_VALUE;
        Matcher e = EQUATION.matcher(text);
        if (e.find()) {
            first = new StepArithmetic(Long.parseLong(e.group(1)), Op.ofSymbol(e.group(2).charAt(0)),
                    Long.parseLong(e.group(3)), Long.parseLong(e.group(4)), e.end());
            firstStart = e.start();
        }
        for (Form f : WORDED) {
            Matcher m = f.pattern().matcher(text);
            if (m.find() && m.start() < firstStart) {
                first = new StepArithmetic(Long.parseLong(m.group(f.left())), f.op(), Long.parseLong(m.group(f.right())),
                        Long.parseLong(m.group(f.result())), m.end());
                firstStart = m.start();
            }
        }
        return first;
    }
}
