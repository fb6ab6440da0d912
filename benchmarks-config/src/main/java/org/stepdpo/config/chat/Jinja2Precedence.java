package org.stepdpo.config.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Adds the parentheses that make jinjava group two constructs as Jinja2 does; part of {@link Jinja2Syntax}.
 * <ul>
 *   <li>A keyword argument's value: jinjava reads {@code namespace(i=messages|length - 1)} as
 *       {@code (i=messages|length) - 1} and fails; Jinja2 passes {@code messages|length - 1}. Written
 *       {@code namespace(i=(messages|length - 1))}. (Qwen3)</li>
 *   <li>{@code not} before a test: Jinja2 reads {@code not x is defined} as {@code not (x is defined)}, jinjava as
 *       {@code (not x) is defined}, which is always true, so DeepSeek-R1's {@code {% if not add_generation_prompt
 *       is defined %}{% set add_generation_prompt = false %}} always switched the generation prompt off. Written
 *       {@code not (x is defined)}.</li>
 *   <li>A filtered value before a test: jinjava cannot parse {@code messages|length is divisibleby(2)} at all.
 *       Written {@code (messages|length) is divisibleby(2)}, which is how Jinja2 groups it.</li>
 * </ul>
 * Works on the tokens of one tag; a tag it does not understand is left as it is.
 */
final class Jinja2Precedence {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "if", "elif", "else", "in", "is");
    private static final Set<String> TWO_CHAR = Set.of("==", "!=", "<=", ">=", "**", "//");

    private enum Kind { SPACE, STRING, NAME, NUMBER, SYMBOL }

    private record Token(Kind kind, String text) {
        boolean is(String s) {
            return kind != Kind.SPACE && kind != Kind.STRING && text.equals(s);
        }
    }

    private Jinja2Precedence() {
    }

    static String parenthesize(String tag) {
        List<Token> t = tokenize(tag);
        int first = next(t, 0);
        while (first < t.size() && t.get(first).kind == Kind.SYMBOL) {
            first = next(t, first + 1); // past {% and -
        }
        if (first < t.size() && (t.get(first).is("macro") || t.get(first).is("call"))) {
            return tag; // parameter lists with defaults, not calls
        }
        int[] opens = new int[t.size() + 1];
        int[] closes = new int[t.size() + 1];
        for (int i = 0; i < t.size(); i++) {
            keywordArgument(t, i, opens, closes);
            notBeforeTest(t, i, opens, closes);
            filterBeforeTest(t, i, opens, closes);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i <= t.size(); i++) {
            out.append(")".repeat(closes[i])).append("(".repeat(opens[i]));
            if (i < t.size()) {
                out.append(t.get(i).text);
            }
        }
        return out.toString();
    }

    /** {@code name=value} right after {@code (} or {@code ,}: parenthesize the value, up to its {@code ,} or {@code )}. */
    private static void keywordArgument(List<Token> t, int i, int[] opens, int[] closes) {
        int eq = next(t, i + 1);
        int before = previous(t, i - 1);
        if (t.get(i).kind != Kind.NAME || eq >= t.size() || !t.get(eq).is("=") || before < 0
                || !(t.get(before).is("(") || t.get(before).is(","))) {
            return;
        }
        int depth = 0;
        for (int k = eq + 1; k < t.size(); k++) {
            Token x = t.get(k);
            if (x.is("(") || x.is("[") || x.is("{")) {
                depth++;
            } else if (depth == 0 && (x.is(")") || x.is(","))) {
                opens[eq + 1]++;
                closes[k]++;
                return;
            } else if (x.is(")") || x.is("]") || x.is("}")) {
                depth--;
            }
        }
    }

    /** Unary {@code not x is test}: parenthesize {@code x is test}. */
    private static void notBeforeTest(List<Token> t, int i, int[] opens, int[] closes) {
        if (!t.get(i).is("not")) {
            return;
        }
        int before = previous(t, i - 1);
        boolean unary = before < 0 || t.get(before).kind == Kind.SYMBOL && !t.get(before).is(")")
                && !t.get(before).is("]") && !t.get(before).is("}")
                || t.get(before).kind == Kind.NAME && KEYWORDS.contains(t.get(before).text) && !t.get(before).is("is");
        int start = next(t, i + 1);
        int end = unary ? operandEnd(t, start) : -1;
        int is = end < 0 ? -1 : next(t, end);
        if (is < 0 || is >= t.size() || !t.get(is).is("is")) {
            return;
        }
        int name = next(t, is + 1);
        if (name < t.size() && t.get(name).is("not")) {
            name = next(t, name + 1);
        }
        if (name >= t.size() || t.get(name).kind != Kind.NAME) {
            return;
        }
        int testEnd = name + 1;
        int arg = next(t, testEnd);
        if (arg < t.size() && t.get(arg).is("(")) {
            testEnd = closing(t, arg) + 1;
        } else if (arg < t.size() && (t.get(arg).kind == Kind.STRING || t.get(arg).kind == Kind.NUMBER
                || t.get(arg).kind == Kind.NAME && !KEYWORDS.contains(t.get(arg).text))) {
            testEnd = operandEnd(t, arg);
        }
        if (testEnd > 0) {
            opens[start]++;
            closes[testEnd]++;
        }
    }

    /** An operand starting at {@code i} with a filter and followed by {@code is}: parenthesize the operand. */
    private static void filterBeforeTest(List<Token> t, int i, int[] opens, int[] closes) {
        int before = previous(t, i - 1);
        if (before >= 0 && (t.get(before).is(".") || t.get(before).is("|")
                || t.get(before).kind != Kind.SYMBOL && !KEYWORDS.contains(t.get(before).text))) {
            return; // an attribute or filter name, or not the start of an operand
        }
        int end = operandEnd(t, i);
        if (end < 0 || next(t, end) >= t.size() || !t.get(next(t, end)).is("is")) {
            return;
        }
        int depth = 0;
        for (int k = i; k < end; k++) {
            Token x = t.get(k);
            depth += x.is("(") || x.is("[") || x.is("{") ? 1 : x.is(")") || x.is("]") || x.is("}") ? -1 : 0;
            if (depth == 0 && x.is("|")) {
                opens[i]++;
                closes[end]++;
                return;
            }
        }
    }

    /** The index after a Jinja2 unary operand starting at {@code k} (a primary, then attributes, subscripts, calls, filters); -1 if none. */
    private static int operandEnd(List<Token> t, int k) {
        if (k >= t.size()) {
            return -1;
        }
        Token first = t.get(k);
        if (first.is("(") || first.is("[") || first.is("{")) {
            k = closing(t, k);
            if (k < 0) {
                return -1;
            }
        } else if (!(first.kind == Kind.STRING || first.kind == Kind.NUMBER
                || first.kind == Kind.NAME && !KEYWORDS.contains(first.text))) {
            return -1;
        }
        k++;
        while (true) {
            int n = next(t, k);
            if (n >= t.size()) {
                return k;
            }
            Token x = t.get(n);
            if ((x.is(".") || x.is("|")) && next(t, n + 1) < t.size() && t.get(next(t, n + 1)).kind == Kind.NAME) {
                k = next(t, n + 1) + 1;
            } else if (x.is("[") || x.is("(")) {
                int c = closing(t, n);
                if (c < 0) {
                    return -1;
                }
                k = c + 1;
            } else {
                return k;
            }
        }
    }

    /** The index of the bracket closing the one at {@code open}; -1 if none. */
    private static int closing(List<Token> t, int open) {
        int depth = 0;
        for (int k = open; k < t.size(); k++) {
            Token x = t.get(k);
            if (x.is("(") || x.is("[") || x.is("{")) {
                depth++;
            } else if ((x.is(")") || x.is("]") || x.is("}")) && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    private static int next(List<Token> t, int k) {
        while (k < t.size() && t.get(k).kind == Kind.SPACE) {
            k++;
        }
        return k;
    }

    private static int previous(List<Token> t, int k) {
        while (k >= 0 && t.get(k).kind == Kind.SPACE) {
            k--;
        }
        return k;
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int j = i + 1;
            Kind kind;
            if (Character.isWhitespace(c)) {
                while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                kind = Kind.SPACE;
            } else if (c == '\'' || c == '"') {
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, s.length());
                kind = Kind.STRING;
            } else if (Character.isLetter(c) || c == '_') {
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                kind = Kind.NAME;
            } else if (Character.isDigit(c)) {
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                kind = Kind.NUMBER;
            } else {
                j = i + 2 <= s.length() && TWO_CHAR.contains(s.substring(i, i + 2)) ? i + 2 : i + 1;
                kind = Kind.SYMBOL;
            }
            out.add(new Token(kind, s.substring(i, j)));
            i = j;
        }
        return out;
    }
}
