package org.stepdpo.grading;

/**
 * Rewrites integer powers of the imaginary unit by {@code i^2 = -1}: {@code i^2} -> {@code (-1)},
 * {@code i^3} -> {@code (-i)}, {@code i^{4}} -> {@code (1)}. The real-valued evaluator treats {@code i} as an
 * unknown, which already decides {@code 3+2i} vs {@code 2i+3}; this decides the answers that differ by a power
 * of {@code i}. Used only when {@code i} is the answer's one unknown, so it is clearly the imaginary unit.
 */
final class ImaginaryUnit {

    private static final String[] POWERS = {"(1)", "i", "(-1)", "(-i)"};
    private static final int MAX_EXPONENT_DIGITS = 9;

    private ImaginaryUnit() {
    }

    static String reducePowers(String s) {
        if (s.indexOf("i^") < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int k = 0;
        while (k < s.length()) {
            char c = s.charAt(k);
            boolean standalone = c == 'i' && k + 1 < s.length() && s.charAt(k + 1) == '^'
                    && (k == 0 || !(Character.isLetter(s.charAt(k - 1)) || s.charAt(k - 1) == '\\'));
            int exponentEnd = standalone ? exponentEnd(s, k + 2) : -1;
            if (exponentEnd < 0) {
                out.append(c);
                k++;
                continue;
            }
            String digits = s.substring(k + 2, exponentEnd).replace("{", "").replace("}", "");
            int remainder = (int) (Long.parseLong(digits) % 4);
            out.append(POWERS[remainder]);
            k = exponentEnd;
        }
        return out.toString();
    }

    /** End of a non-negative integer exponent ("2", "{12}") starting at {@code from}, or -1. */
    private static int exponentEnd(String s, int from) {
        if (from < s.length() && Character.isDigit(s.charAt(from))) {
            return from + 1; // "i^23" is i^2 times 3 in LaTeX; only the first digit is the exponent
        }
        if (from < s.length() && s.charAt(from) == '{') {
            int k = from + 1;
            while (k < s.length() && Character.isDigit(s.charAt(k))) {
                k++;
            }
            boolean closed = k < s.length() && s.charAt(k) == '}' && k > from + 1 && k - from - 1 <= MAX_EXPONENT_DIGITS;
            return closed ? k + 1 : -1;
        }
        return -1;
    }
}
