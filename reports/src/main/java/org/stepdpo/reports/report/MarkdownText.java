package org.stepdpo.reports.report;

/**
 * Text from runs (model names, run names, status messages: anything a model or a user wrote) made safe for one
 * Markdown table cell or heading. Markdown passes inline HTML through, so a {@code <script>} in a model name would
 * run in whatever renders the exported file; links and images would be followed. Escaped here: HTML's special
 * characters as entities, link brackets and backslashes with a backslash, the cell separator, and line breaks
 * (a cell is one line).
 */
public final class MarkdownText {

    private MarkdownText() {
    }

    public static String cell(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\\', '|', '[', ']', '`' -> b.append('\\').append(c);
                case '\r', '\n' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
