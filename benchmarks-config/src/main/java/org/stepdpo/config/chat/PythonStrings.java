package org.stepdpo.config.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Python's {@code str} methods with Python's semantics, for the chat templates that call them
 * ({@code message.content.startswith('<tool_response>')}, {@code content.split('</think>')[-1]}, ...).
 *
 * <p>Java has no such methods, or has them with other meanings: {@code String.split} takes a regular expression
 * and drops trailing empty strings ({@code "a</think>".split("</think>")} is {@code ["a"]}, Python's is
 * {@code ['a', '']}), and {@code String.strip()} knows other whitespace than {@code str.strip()}.
 */
final class PythonStrings {

    private PythonStrings() {
    }

    /** Python's {@code str.isspace()} for one character (Java's whitespace, the Unicode space separators, NEL). */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** {@code s.strip(chars)}; {@code chars} null strips whitespace. */
    static String strip(String s, String chars) {
        return rstrip(lstrip(s, chars), chars);
    }

    static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && stripped(s.charAt(i), chars)) {
            i++;
        }
        return s.substring(i);
    }

    static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0 && stripped(s.charAt(end - 1), chars)) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? isSpace(c) : chars.indexOf(c) >= 0;
    }

    /** {@code s.startswith(prefix)}; {@code prefix} may be a tuple (a list) of prefixes, as in Python. */
    static boolean startsWith(String s, Object prefix) {
        if (prefix instanceof Collection<?> options) {
            return options.stream().anyMatch(p -> s.startsWith(String.valueOf(p)));
        }
        return s.startsWith(String.valueOf(prefix));
    }

    static boolean endsWith(String s, Object suffix) {
        if (suffix instanceof Collection<?> options) {
            return options.stream().anyMatch(p -> s.endsWith(String.valueOf(p)));
        }
        return s.endsWith(String.valueOf(suffix));
    }

    /**
     * {@code s.split(sep, maxsplit)}: a literal separator, empty parts kept; with {@code sep} null, runs of
     * whitespace separate and no part is empty. {@code maxsplit} below 0 means no limit.
     */
    static List<String> split(String s, String sep, int maxsplit) {
        if (sep == null) {
            return splitOnWhitespace(s, maxsplit);
        }
        if (sep.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((maxsplit < 0 || parts.size() < maxsplit) && (at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static List<String> splitOnWhitespace(String s, int maxsplit) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i == n) {
                return parts;
            }
            if (maxsplit >= 0 && parts.size() == maxsplit) {
                parts.add(rstrip(s.substring(i), null));
                return parts;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            parts.add(s.substring(start, i));
        }
    }

    /** {@code s.replace(old, new, count)}; {@code count} below 0 replaces every occurrence. */
    static String replace(String s, String old, String replacement, int count) {
        if (count < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int done = 0; done < count; done++) {
            int at = old.isEmpty() ? (from <= s.length() ? from : -1) : s.indexOf(old, from);
            if (at < 0) {
                break;
            }
            out.append(s, from, at).append(replacement);
            from = at + old.length();
            if (old.isEmpty() && from < s.length()) {
                out.append(s.charAt(from));
            }
            from += old.isEmpty() ? 1 : 0;
        }
        return from < s.length() ? out.append(s, from, s.length()).toString() : out.toString();
    }
}
