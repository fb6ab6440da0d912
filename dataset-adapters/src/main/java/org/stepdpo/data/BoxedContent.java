package org.stepdpo.data;

import java.util.Optional;

/**
 * The content of the last {@code \boxed{...}} or {@code \fbox{...}} in a LaTeX text, which is where MATH
 * solutions put their final answer. Braces are matched, so {@code \boxed{\frac{1}{2}}} gives
 * {@code \frac{1}{2}}; escaped braces ({@code \{ \}}) are content, not grouping.
 */
public final class BoxedContent {
    private static final String[] COMMANDS = {"\\boxed", "\\fbox"};

    private BoxedContent() {
    }

    /**
     * The stripped content of the last boxed group, or empty when the text has none or when the last one
     * is not closed.
     */
    public static Optional<String> last(String text) {
        for (int at = text.lastIndexOf('\\'); at >= 0; at = text.lastIndexOf('\\', at - 1)) {
            int open = groupAfterCommand(text, at);
            if (open >= 0) {
                int close = matchingBrace(text, open);
                return close < 0 ? Optional.empty() : Optional.of(text.substring(open + 1, close).strip());
            }
        }
        return Optional.empty();
    }

    /** Index of the '{' opening the group of a box command starting at {@code at}, or -1. */
    private static int groupAfterCommand(String text, int at) {
        for (String command : COMMANDS) {
            int end = at + command.length();
            // "\boxedfoo" is another macro, not \boxed.
            if (text.startsWith(command, at) && !(end < text.length() && Character.isLetter(text.charAt(end)))) {
                int open = skipSpaces(text, end);
                return open < text.length() && text.charAt(open) == '{' ? open : -1;
            }
        }
        return -1;
    }

    private static int skipSpaces(String text, int index) {
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
            index++;
        }
        return index;
    }

    /** Index of the brace closing the one at {@code open}, or -1 when it is never closed. */
    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++; // the escaped character, e.g. \{ or \}, is content
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
