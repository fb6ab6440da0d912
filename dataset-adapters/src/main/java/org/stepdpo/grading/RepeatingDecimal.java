package org.stepdpo.grading;

import java.math.BigInteger;

/**
 * Rewrites repeating decimals ({@code 0.\overline{3}}, {@code 0.1\overline{6}}, {@code 2.\overline{09}}) as the
 * exact fraction they denote ({@code \frac{1}{3}}, {@code \frac{1}{6}}, {@code \frac{23}{11}}), so they compare
 * equal to the fraction and, within the numeric tolerance, to a rounded decimal. An overline over anything other
 * than digits after a decimal point ({@code \overline{AB}}, a segment) is left alone.
 */
final class RepeatingDecimal {

    private static final String OVERLINE = "\\overline";
    /** Longer digit strings are not something an answer repeats; they stay as written. */
    private static final int MAX_DIGITS = 30;
    private static final int MAX_ANSWER = 2_000;

    private RepeatingDecimal() {
    }

    static String replaceAll(String s) {
        // a longer answer is not a number; the cap also bounds the brace matching on unbalanced input
        if (s.length() > MAX_ANSWER || !s.contains(OVERLINE)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        int at = s.indexOf(OVERLINE);
        while (at >= 0) {
            int next = s.indexOf(OVERLINE, at + OVERLINE.length());
            int open = at + OVERLINE.length();
            while (open < s.length() && s.charAt(open) == ' ') {
                open++;
            }
            int close = open < s.length() && s.charAt(open) == '{' ? LatexText.matchingBrace(s, open) : -1;
            String repeating = close < 0 ? "" : s.substring(open + 1, close).strip();
            int fractionStart = at;
            while (fractionStart > copied && Character.isDigit(s.charAt(fractionStart - 1))) {
                fractionStart--;
            }
            int point = fractionStart - 1;
            int wholeStart = point;
            while (wholeStart > copied && Character.isDigit(s.charAt(wholeStart - 1))) {
                wholeStart--;
            }
            boolean decimal = point >= copied && s.charAt(point) == '.' && isDigits(repeating)
                    && (at - wholeStart) + repeating.length() <= MAX_DIGITS
                    && (wholeStart == 0 || !Character.isLetter(s.charAt(wholeStart - 1)));
            if (decimal) {
                out.append(s, copied, wholeStart)
                        .append(fraction(s.substring(wholeStart, point), s.substring(fractionStart, at), repeating));
                copied = close + 1;
                if (next >= 0 && next < copied) {
                    next = s.indexOf(OVERLINE, copied);
                }
            }
            at = next;
        }
        return copied == 0 ? s : out.append(s, copied, s.length()).toString();
    }

    /** whole.fixed(repeating)... = (whole fixed repeating - whole fixed) / ((10^|repeating| - 1) 10^|fixed|). */
    static String fraction(String whole, String fixed, String repeating) {
        BigInteger withRepeat = new BigInteger("0" + whole + fixed + repeating);
        BigInteger withoutRepeat = new BigInteger("0" + whole + fixed);
        BigInteger numerator = withRepeat.subtract(withoutRepeat);
        BigInteger denominator = BigInteger.TEN.pow(repeating.length()).subtract(BigInteger.ONE)
                .multiply(BigInteger.TEN.pow(fixed.length()));
        BigInteger gcd = numerator.gcd(denominator);
        if (gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
        return "\\frac{" + numerator + "}{" + denominator + "}";
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (!Character.isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
