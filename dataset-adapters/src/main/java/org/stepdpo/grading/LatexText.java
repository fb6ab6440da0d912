package org.stepdpo.grading;

/** Small linear-time scans over LaTeX text shared by extraction and normalization. */
final class LatexText {

    private LatexText() {
    }

    /**
     * Index of the brace closing the one at {@code open}, or -1 when unbalanced. Escaped braces
     * ({@code \{}, {@code \}}) do not count, so {@code \boxed{\{1,2\}}} closes at the last brace.
     */
    static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Replaces every occurrence of {@code target}; a no-op (no copy) when it does not occur. */
    static String replace(String s, String target, String replacement) {
        return s.contains(target) ? s.replace(target, replacement) : s;
    }

    /** Whether {@code s} contains {@code c} outside any brackets or braces. */
    static boolean containsTopLevel(String s, char c) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length() && s.charAt(i + 1) != '\\') {
                i++;
                continue;
            }
            if (ch == '{' || ch == '(' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ')' || ch == ']') {
                depth--;
            } else if (ch == c && depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code s} has {@code minLength} or more consecutive plain letters outside command names ({@code \frac}). */
    static boolean hasLetterRun(String s, int minLength) {
        int run = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\') {
                int j = k + 1;
                while (j < s.length() && Character.isLetter(s.charAt(j))) {
                    j++;
                }
                k = j - 1;
                run = 0;
            } else if (Character.isLetter(c)) {
                if (++run >= minLength) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }
}
