package org.stepdpo.config.chat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the escapes of a template's string literals that jinjava does not know into ones it does; part of
 * {@link Jinja2Syntax}.
 *
 * <p>Jinja2 reads a string literal as Python's {@code unicode-escape} codec does: <code>&#92;u00e9</code>, {@code \x41},
 * {@code \101}, {@code \a}, {@code \v}, {@code \N{BULLET}} are characters and an unknown escape such as
 * {@code \d} stays a backslash and a {@code d}. jinjava knows only {@code \\ \' \" \n \t \b \f \r} and fails on
 * the rest. Every escape becomes the character it stands for, written so jinjava reads it back the same.
 */
final class Jinja2Strings {

    static final Pattern LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"", Pattern.DOTALL);

    private Jinja2Strings() {
    }

    /** Every string literal of one tag rewritten. */
    static String rewriteLiterals(String tag) {
        Matcher m = LITERAL.matcher(tag);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(rewrite(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One literal, quotes included. */
    static String rewrite(String literal) {
        char quote = literal.charAt(0);
        String body = literal.substring(1, literal.length() - 1);
        if (body.indexOf('\\') < 0) {
            return literal;
        }
        StringBuilder value = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                value.append(c);
                i++;
                continue;
            }
            i = unescape(body, i + 1, value);
        }
        return quote + escapeForJinjava(value.toString(), quote) + quote;
    }

    /** Appends what the escape after the backslash at {@code i - 1} stands for; returns the index after it. */
    private static int unescape(String s, int i, StringBuilder value) {
        char e = s.charAt(i);
        switch (e) {
            case '\\', '\'', '"' -> value.append(e);
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'v' -> value.append('\u000b');
            case '\n' -> { } // a backslash at a line's end continues the line
            case 'x' -> {
                return hex(s, i, 2, value);
            }
            case 'u' -> {
                return hex(s, i, 4, value);
            }
            case 'U' -> {
                return hex(s, i, 8, value);
            }
            case 'N' -> {
                int close = s.indexOf('}', i);
                if (s.startsWith("{", i + 1) && close > 0) {
                    value.appendCodePoint(Character.codePointOf(s.substring(i + 2, close)));
                    return close + 1;
                }
                value.append('\\').append(e);
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int end = i;
                    while (end < s.length() && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                        end++;
                    }
                    value.append((char) Integer.parseInt(s.substring(i, end), 8));
                    return end;
                }
                value.append('\\').append(e); // Python keeps an unknown escape as it is
            }
        }
        return i + 1;
    }

    private static int hex(String s, int i, int digits, StringBuilder value) {
        int end = i + 1 + digits;
        if (end > s.length()) {
            throw new ChatTemplateException("truncated \\" + s.charAt(i) + " escape in a string literal");
        }
        value.appendCodePoint(Integer.parseInt(s.substring(i + 1, end), 16));
        return end;
    }

    private static String escapeForJinjava(String value, char quote) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c == quote ? "\\" + c : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
