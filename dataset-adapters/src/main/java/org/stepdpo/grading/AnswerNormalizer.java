package org.stepdpo.grading;

/**
 * Rewrites an extracted answer into a canonical LaTeX-ish string: presentation-only markup removed
 * (math delimiters, {@code \left}/{@code \right}, spacing commands, {@code \text{}} wrappers, units,
 * degrees, dollar signs, thousands separators), synonyms unified ({@code \dfrac} -> {@code \frac}),
 * whitespace dropped. The percent sign is removed but remembered, because "50%" may be compared with
 * 0.5 as well as with 50.
 *
 * <p>All passes are literal replacements or single scans; none is a backtracking regular expression.
 */
final class AnswerNormalizer {

    /** A normalized answer. */
    record Normalized(String text, boolean percent) {
    }

    private static final String[][] REPLACEMENTS = {
            {"\\displaystyle", ""}, {"\\dfrac", "\\frac"}, {"\\tfrac", "\\frac"}, {"\\cfrac", "\\frac"},
            {"\\dbinom", "\\binom"}, {"\\tbinom", "\\binom"},
            {"\\left.", ""}, {"\\right.", ""}, {"\\left", ""}, {"\\right", ""},
            {"\\bigl", ""}, {"\\bigr", ""}, {"\\Bigl", ""}, {"\\Bigr", ""},
            {"\\!", ""}, {"\\,", " "}, {"\\;", " "}, {"\\:", " "}, {"\\qquad", " "}, {"\\quad", " "},
            {"\\ ", " "}, {"~", " "}, {"\n", " "}, {"\t", " "},
            {"{}^\\circ", ""}, {"^{\\circ}", ""}, {"^\\circ", ""}, {"\\circ", ""}, {"°", ""}, {"\\degree", ""},
            {"\\$", ""}, {"$", ""}, {"\\%", "%"},
            {"{,}", ","}, {"\\varnothing", "\\emptyset"}, {"\\{\\}", "\\emptyset"},
            {"\\infinity", "\\infty"}, {"infinity", "\\infty"}, {"\\lbrace", "\\{"}, {"\\rbrace", "\\}"},
            {"\\lvert", "|"}, {"\\rvert", "|"}, {"\\vert", "|"}, {"\\mid", "|"},
            {"\\leq", "\\le"}, {"\\geq", "\\ge"}, {"\\leqslant", "\\le"}, {"\\geqslant", "\\ge"},
            {"\\neq", "\\ne"}, {"\\dots", "\\ldots"}, {"\\cdots", "\\ldots"},
            {"\\lt", "<"}, {"\\gt", ">"}, {"≤", "\\le"}, {"≥", "\\ge"}, {"\\geslant", "\\ge"}, {"\\leslant", "\\le"},
            // the whole real line, as Qwen2.5-Math's strip_string and math_verify read it
            {"\\mathbb{R}", "(-\\infty,\\infty)"}, {"\\mathbb R", "(-\\infty,\\infty)"},
    };

    /** Commands whose argument is shown as text; their content is kept (or dropped when it is a unit). */
    private static final String[] TEXT_COMMANDS = {
            "\\textbf", "\\textit", "\\textrm", "\\textup", "\\text", "\\mbox", "\\mathrm", "\\mathbf",
            "\\mathit", "\\operatorname", "\\boxed", "\\fbox", "\\hbox"};
    private static final int MAX_TEXT_NESTING = 8;
    private static final String ROW_BREAK = "\u0001";
    /** Unit stripping tries every space as the value/unit boundary; longer answers are not "value unit". */
    private static final int MAX_UNIT_SCAN = 300;

    private AnswerNormalizer() {
    }

    static Normalized normalize(String answer, Deadline deadline) {
        // the row separator "\\\\" must survive the removal of "\\ " and "\\," below
        String s = LatexText.replace(AnswerExtractor.stripMathDelimiters(answer), "\\\\", ROW_BREAK);
        for (String[] r : REPLACEMENTS) {
            s = LatexText.replace(s, r[0], r[1]);
        }
        s = simplifySingleCharacterGroups(s);
        s = RepeatingDecimal.replaceAll(s);
        deadline.check();
        s = unwrapText(s, 0, deadline);
        boolean percent = false;
        if (s.indexOf('%') >= 0) {
            percent = true;
            s = s.replace("%", "");
        }
        s = NumberWords.replaceWhole(s);
        s = s.replace(" and ", ", ").replace(" or ", ", ");
        s = AnswerExtractor.stripMathDelimiters(s);
        String withoutUnit = dropTrailingWords(s);
        if (withoutUnit != s) {
            String dropped = s.substring(withoutUnit.length()).strip();
            percent |= dropped.startsWith("percent") || dropped.equals("pct");
            s = withoutUnit;
        }
        s = dropMembershipPrefix(s);
        s = removeWhitespace(s);
        s = LatexText.replace(s, "{}", "");
        s = LatexText.replace(s, ROW_BREAK, "\\\\");
        if (isThousandsSeparated(s)) {
            s = s.replace(",", "");
        }
        while (s.endsWith(".") || s.endsWith(",")) {
            s = s.substring(0, s.length() - 1);
        }
        return new Normalized(s, percent);
    }

    /** Unwraps {@code \text{...}}-like commands in one pass; pure-word text after a value is a unit and goes. */
    private static String unwrapText(String s, int nesting, Deadline deadline) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            String command = textCommandAt(s, i);
            if (command == null) {
                // copy the command (or escaped character) as is
                int j = i + 1;
                while (j < s.length() && Character.isLetter(s.charAt(j))) {
                    j++;
                }
                if (j == i + 1 && j < s.length()) {
                    j++;
                }
                out.append(s, i, j);
                i = j;
                continue;
            }
            int open = i + command.length();
            while (open < s.length() && s.charAt(open) == ' ') {
                open++;
            }
            int close = open < s.length() && s.charAt(open) == '{' ? LatexText.matchingBrace(s, open) : -1;
            if (close < 0) {
                out.append(command);
                i += command.length();
                continue;
            }
            deadline.check();
            String content = s.substring(open + 1, close);
            String word = content.strip();
            i = close + 1;
            if (word.equals("and") || word.equals("or")) {
                out.append(", ");
            } else if (isUnitText(word) && !command.startsWith("\\textbf") && endsWithValue(out)) {
                if (word.startsWith("percent") || word.equals("pct")) {
                    out.append('%');
                }
                i = skipUnitPower(s, i);
            } else if (nesting < MAX_TEXT_NESTING) {
                out.append(unwrapText(content, nesting + 1, deadline));
            } else {
                out.append(content);
            }
        }
        return out.toString();
    }

    private static String textCommandAt(String s, int i) {
        for (String c : TEXT_COMMANDS) {
            if (s.startsWith(c, i)) {
                int end = i + c.length();
                if (end >= s.length() || !Character.isLetter(s.charAt(end))) {
                    return c;
                }
            }
        }
        return null;
    }

    private static boolean isUnitText(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (!(Character.isLetter(c) || c == ' ' || c == '.' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWithValue(CharSequence out) {
        for (int k = out.length() - 1; k >= 0; k--) {
            char c = out.charAt(k);
            if (c != ' ') {
                return Character.isLetterOrDigit(c) || c == '}' || c == ')' || c == '%';
            }
        }
        return false;
    }

    /** After a dropped unit, "^2" or "^{3}" belongs to the unit (cm^2). */
    private static int skipUnitPower(String s, int i) {
        if (i < s.length() && s.charAt(i) == '^') {
            if (i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                return i + 2;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
                int close = LatexText.matchingBrace(s, i + 1);
                return close < 0 ? i : close + 1;
            }
        }
        return i;
    }

    /** "12 inches", "\frac{1}{2} cup", "5 cm^2": a value followed by plain words; returns the value. */
    private static String dropTrailingWords(String s) {
        if (s.length() > MAX_UNIT_SCAN) {
            return s;
        }
        int space = -1;
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) == ' ') {
                space = k;
                break;
            }
        }
        while (space > 0) {
            String value = s.substring(0, space).strip();
            String words = s.substring(space).strip();
            if (!value.isEmpty() && isPlainWords(words) && endsWithValue(value) && !containsWord(value)) {
                return value;
            }
            int next = s.indexOf(' ', space + 1);
            space = next;
        }
        return s;
    }

    private static boolean isPlainWords(String words) {
        if (words.length() < 2 || !Character.isLetter(words.charAt(0)) || !Character.isLetter(words.charAt(1))) {
            return false;
        }
        for (int k = 0; k < words.length(); k++) {
            char c = words.charAt(k);
            boolean power = c == '^' || (Character.isDigit(c) && k > 0 && words.charAt(k - 1) == '^');
            if (!(Character.isLetter(c) || c == ' ' || c == '.' || c == '/' || power)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the text has a run of two or more plain letters (a word, not a variable or a command). */
    static boolean containsWord(String s) {
        return LatexText.hasLetterRun(s, 2);
    }

    /** "x \in [2, 5)" -> "[2, 5)". */
    private static String dropMembershipPrefix(String s) {
        int at = s.indexOf("\\in");
        if (at > 0 && at <= 4 && (at + 3 == s.length() || !Character.isLetter(s.charAt(at + 3)))) {
            String variable = s.substring(0, at).strip();
            if (!variable.isEmpty() && variable.chars().allMatch(Character::isLetter)) {
                return s.substring(at + 3).strip();
            }
        }
        return s;
    }

    /** Drops whitespace, except one space that ends a command before a letter ("\\pi r" must not become "\\pir"). */
    private static String removeWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inCommand = false;
        boolean pendingSpace = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (Character.isWhitespace(c)) {
                pendingSpace = inCommand;
                inCommand = false;
                continue;
            }
            if (pendingSpace && Character.isLetter(c)) {
                out.append(' ');
            }
            pendingSpace = false;
            if (c == '\\') {
                inCommand = k + 1 < s.length() && Character.isLetter(s.charAt(k + 1));
            } else if (!Character.isLetter(c)) {
                inCommand = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * {@code x_{2}} -> {@code x_2}, {@code 2^{3}} -> {@code 2^3}, and a backslash before a digit
     * ({@code \\15}, a mangled {@code \\$15}) dropped, so equal answers compare equal as strings.
     */
    private static String simplifySingleCharacterGroups(String s) {
        if (s.indexOf('_') < 0 && s.indexOf('^') < 0 && s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if ((c == '_' || c == '^') && k + 3 < s.length() && s.charAt(k + 1) == '{' && s.charAt(k + 3) == '}'
                    && Character.isLetterOrDigit(s.charAt(k + 2))) {
                out.append(c).append(s.charAt(k + 2));
                k += 3;
            } else if (c == '\\' && k + 1 < s.length() && Character.isDigit(s.charAt(k + 1))
                    && (k == 0 || s.charAt(k - 1) != '\\')) {
                continue;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** "1,000", "-12,345.5": digit groups of three separated by commas, and nothing else. */
    static boolean isThousandsSeparated(String s) {
        int k = s.startsWith("-") ? 1 : 0;
        int firstGroup = 0;
        while (k < s.length() && Character.isDigit(s.charAt(k))) {
            k++;
            firstGroup++;
        }
        if (firstGroup < 1 || firstGroup > 3 || k >= s.length() || s.charAt(k) != ',') {
            return false;
        }
        while (k < s.length() && s.charAt(k) == ',') {
            k++;
            int group = 0;
            while (k < s.length() && Character.isDigit(s.charAt(k))) {
                k++;
                group++;
            }
            if (group != 3) {
                return false;
            }
        }
        if (k < s.length() && s.charAt(k) == '.') {
            k++;
            int decimals = 0;
            while (k < s.length() && Character.isDigit(s.charAt(k))) {
                k++;
                decimals++;
            }
            return decimals > 0 && k == s.length();
        }
        return k == s.length();
    }
}
