package org.stepdpo.grading;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds the final answer in a completion.
 *
 * <p>Markers, in the order they are trusted: the last {@code \boxed{}}/{@code \fbox{}}, "The answer is"
 * (the Step-DPO format ends with "The answer is: N"), GSM8K's {@code #### N}; when several are present
 * the one written last wins, because models often box an intermediate result and then state the final
 * one (or the reverse). The last number is used only when {@link ExtractionOptions#lastNumberFallback()}.
 *
 * <p>Every scan is linear in the text and uses no regular expressions, so megabyte-long or
 * deeply nested completions cost milliseconds.
 */
public final class AnswerExtractor {

    private static final String[] BOX_COMMANDS = {"\\boxed", "\\fbox"};
    private static final String[] ANSWER_PHRASES = {"answer is", "answer:"};
    /** How many unbalanced boxes are skipped before giving up on boxes (bounds the work on broken text). */
    private static final int MAX_BOX_ATTEMPTS = 4;
    /** "The answer is" content is read to the end of its line, at most this many characters. */
    private static final int MAX_PHRASE_ANSWER = 1_000;
    /** How many formulas naming a variable ("\\(n\\)") the formula fallback skips. */
    private static final int MAX_FORMULA_ATTEMPTS = 8;

    private AnswerExtractor() {
    }

    public static Optional<Extraction> extract(String completion, ExtractionOptions options) {
        if (completion == null || completion.isEmpty()) {
            return Optional.empty();
        }
        Extraction boxed = lastBoxed(completion, completion.length());
        Extraction phrase = lastAnswerPhrase(completion, boxed);
        Extraction hashes = lastHashes(completion);
        Extraction best = null;
        for (Extraction candidate : new Extraction[] {boxed, phrase, hashes}) {
            if (candidate != null && (best == null || candidate.start() > best.start())) {
                best = candidate;
            }
        }
        if (best == null && options.lastFormulaFallback()) {
            best = lastFormula(completion);
        }
        if (best == null && options.lastNumberFallback()) {
            best = lastNumber(completion, 0);
        }
        return Optional.ofNullable(best);
    }

    /**
     * The stripped content of the last {@code \boxed{...}} / {@code \fbox{...}} of a text (braces matched),
     * where MATH solutions put their final answer; empty when there is none.
     */
    public static Optional<String> lastBoxedContent(String text) {
        return Optional.ofNullable(lastBoxed(text, text.length())).map(Extraction::answer);
    }

    /** The content of the last balanced {@code \boxed{...}} (or {@code \fbox}) starting before {@code end}. */
    static Extraction lastBoxed(String text, int end) {
        int searchFrom = end;
        for (int attempt = 0; attempt < MAX_BOX_ATTEMPTS && searchFrom > 0; attempt++) {
            int at = -1;
            String command = null;
            for (String c : BOX_COMMANDS) {
                int i = text.lastIndexOf(c, searchFrom - 1);
                if (i > at) {
                    at = i;
                    command = c;
                }
            }
            if (at < 0) {
                return null;
            }
            int p = at + command.length();
            if (p < text.length() && Character.isLetter(text.charAt(p))) {
                searchFrom = at; // \boxedsomething is another command
                attempt--;
                continue;
            }
            while (p < text.length() && text.charAt(p) == ' ') {
                p++;
            }
            if (p < text.length() && text.charAt(p) == '{') {
                int close = LatexText.matchingBrace(text, p);
                if (close > 0) {
                    String content = text.substring(p + 1, close).strip();
                    if (!content.isEmpty()) {
                        return new Extraction(content, ExtractionMethod.BOXED, p + 1);
                    }
                }
            } else if (p > at + command.length()) {
                // "\boxed 5": the argument is the next token
                int q = p;
                while (q < text.length() && !Character.isWhitespace(text.charAt(q)) && text.charAt(q) != '$') {
                    q++;
                }
                String content = trimSentenceEnd(text.substring(p, q));
                if (!content.isEmpty()) {
                    return new Extraction(content, ExtractionMethod.BOXED, p);
                }
            }
            searchFrom = at;
        }
        return null;
    }

    private static Extraction lastAnswerPhrase(String text, Extraction boxed) {
        String lower = text.toLowerCase(Locale.ROOT);
        int at = -1;
        int phraseEnd = -1;
        for (String phrase : ANSWER_PHRASES) {
            int i = lower.lastIndexOf(phrase);
            if (i > at) {
                at = i;
                phraseEnd = i + phrase.length();
            }
        }
        if (at < 0) {
            return null;
        }
        int p = phraseEnd;
        while (p < text.length() && (text.charAt(p) == ':' || text.charAt(p) == '*' || Character.isWhitespace(text.charAt(p)))) {
            p++;
        }
        int lineEnd = text.indexOf('\n', p);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        // a display formula may span lines: "The final answer is\n\\[\n\\begin{pmatrix}..\\end{pmatrix}\n\\]"
        for (String[] display : new String[][] {{"\\[", "\\]"}, {"$$", "$$"}}) {
            if (text.startsWith(display[0], p)) {
                int close = text.indexOf(display[1], p + display[0].length());
                if (close > 0 && close - p <= MAX_PHRASE_ANSWER) {
                    lineEnd = Math.max(lineEnd, close + display[1].length());
                }
            }
        }
        lineEnd = Math.min(lineEnd, p + MAX_PHRASE_ANSWER);
        if (lineEnd <= p) {
            return null;
        }
        Extraction inner = lastBoxed(text, lineEnd);
        if (inner != null && inner.start() >= p) {
            return new Extraction(inner.answer(), ExtractionMethod.ANSWER_IS, inner.start());
        }
        String content = stripMathDelimiters(cutSentence(text.substring(p, lineEnd)));
        if (content.isEmpty()) {
            return null;
        }
        if (isProse(content)) {
            // "Answer: Verna received $7.00 in change." states a number inside a sentence
            Extraction number = lastNumber(content, 0);
            if (number != null) {
                return new Extraction(number.answer(), ExtractionMethod.ANSWER_IS, p + number.start());
            }
            // "the answer is correct", "the answer is positive, because ...": a remark, not an answer;
            // a single word stands as a text answer only when nothing was boxed before it
            if (content.indexOf(' ') >= 0 || boxed != null) {
                return null;
            }
        }
        return new Extraction(content, ExtractionMethod.ANSWER_IS, p);
    }

    /** Whether the text has a plain word of three or more letters outside LaTeX commands and {@code \text{}}. */
    private static boolean isProse(String s) {
        int run = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\') {
                int j = k + 1;
                while (j < s.length() && Character.isLetter(s.charAt(j))) {
                    j++;
                }
                boolean environment = s.startsWith("begin{", k + 1) || s.startsWith("end{", k + 1);
                if (environment) {
                    int brace = s.indexOf('{', k);
                    int close = LatexText.matchingBrace(s, brace);
                    j = close < 0 ? s.length() : close + 1;
                }
                if (s.startsWith("text{", k + 1) || s.startsWith("mbox{", k + 1)) {
                    int close = LatexText.matchingBrace(s, k + 5);
                    j = close < 0 ? s.length() : close + 1;
                }
                k = j - 1;
                run = 0;
            } else if (Character.isLetter(c)) {
                if (++run >= 3) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }

    /**
     * The last formula ({@code \(..\)}, {@code \[..\]}, {@code $..$}, {@code $$..$$}), or the last number when
     * one is written after that formula ("the degree of \((x^2+1)(x^3)\) is 5").
     */
    private static Extraction lastFormula(String text) {
        Extraction formula = null;
        int formulaEnd = 0;
        int searchEnd = text.length();
        for (int attempt = 0; attempt < MAX_FORMULA_ATTEMPTS && formula == null && searchEnd > 0; attempt++) {
            int close = -1;
            String open = null;
            int closeLength = 0;
            for (String[] pair : new String[][] {{"\\(", "\\)"}, {"\\[", "\\]"}}) {
                int i = text.lastIndexOf(pair[1], searchEnd - 1);
                if (i > close) {
                    close = i;
                    open = pair[0];
                    closeLength = 2;
                }
            }
            int dollar = lastUnescapedDollar(text, searchEnd - 1);
            if (dollar > close) {
                boolean doubled = dollar > 0 && text.charAt(dollar - 1) == '$';
                open = doubled ? "$$" : "$";
                close = doubled ? dollar - 1 : dollar;
                closeLength = doubled ? 2 : 1;
            }
            if (close <= 0) {
                break;
            }
            int start = open.equals("$") ? lastUnescapedDollar(text, close - 1) : text.lastIndexOf(open, close - 1);
            if (start < 0) {
                break;
            }
            int contentStart = start + open.length();
            if (contentStart > close) {
                searchEnd = start;
                continue;
            }
            String content = stripMathDelimiters(text.substring(contentStart, close));
            if (AnswerComparator.equalsSign(content) >= 0) {
                // "x = 5 - 2 = 3": the value is what the chain ends with
                content = content.substring(content.lastIndexOf('=') + 1).strip();
            }
            // "\\(n\\)", "\\(f(x)\\)" name a quantity in prose; they are not its value
            if (!content.isEmpty() && !isBareName(content)) {
                formula = new Extraction(content, ExtractionMethod.LAST_FORMULA, contentStart);
                formulaEnd = close + closeLength;
            }
            searchEnd = start;
        }
        Extraction number = lastNumber(text, formulaEnd);
        return number != null ? number : formula;
    }

    /** A single variable, optionally subscripted or applied: "n", "x_1", "\\theta", "f(x)". */
    private static boolean isBareName(String s) {
        if (s.length() > 24) {
            return false;
        }
        String t = s.replace(" ", "");
        int k = 0;
        if (k < t.length() && t.charAt(k) == '\\') {
            k++;
            while (k < t.length() && Character.isLetter(t.charAt(k))) {
                k++;
            }
        } else if (k < t.length() && Character.isLetter(t.charAt(k))) {
            k++;
        } else {
            return false;
        }
        if (k < t.length() && t.charAt(k) == '_') {
            k++;
            if (k < t.length() && t.charAt(k) == '{') {
                int close = t.indexOf('}', k);
                k = close < 0 ? t.length() + 1 : close + 1;
            } else {
                k++;
            }
        }
        if (k + 2 < t.length() && t.charAt(k) == '(' && Character.isLetter(t.charAt(k + 1)) && t.charAt(k + 2) == ')') {
            k += 3;
        }
        return k == t.length();
    }

    private static int lastUnescapedDollar(String text, int from) {
        int i = text.lastIndexOf('$', from);
        while (i > 0 && text.charAt(i - 1) == '\\') {
            i = text.lastIndexOf('$', i - 2);
        }
        return i;
    }

    private static Extraction lastHashes(String text) {
        int at = text.lastIndexOf("####");
        if (at < 0) {
            return null;
        }
        int p = at + 4;
        int lineEnd = text.indexOf('\n', p);
        String content = stripMathDelimiters(trimSentenceEnd(text.substring(p, lineEnd < 0 ? text.length() : lineEnd)));
        return content.isEmpty() ? null : new Extraction(content, ExtractionMethod.HASHES, p);
    }

    /**
     * The last number (with sign, decimals, thousands separators or a slash fraction) at or after {@code from}.
     * Step numbers ("Step 3:", the Step-DPO format's markers) count nothing and are skipped; each skip moves
     * the scan left, so the whole search stays linear in the text.
     */
    private static Extraction lastNumber(String text, int from) {
        int end = text.length() - 1;
        while (true) {
            while (end >= from && !Character.isDigit(text.charAt(end))) {
                end--;
            }
            if (end < from) {
                return null;
            }
            int start = end;
            while (start > from) {
                char c = text.charAt(start - 1);
                if (Character.isDigit(c)) {
                    start--;
                } else if ((c == '.' || c == ',' || c == '/') && start - 2 >= from && Character.isDigit(text.charAt(start - 2))) {
                    start--;
                } else {
                    break;
                }
            }
            if (isStepMarker(text, start)) {
                end = start - 1;
                continue;
            }
            if (start > from && text.charAt(start - 1) == '-') {
                start--;
            }
            return new Extraction(text.substring(start, end + 1), ExtractionMethod.LAST_NUMBER, start);
        }
    }

    /** Whether the number at {@code start} is numbered by the word "Step" ("Step 3:", "step 2", "Step #4"). */
    private static boolean isStepMarker(String text, int start) {
        int k = start - 1;
        while (k >= 0 && (text.charAt(k) == ' ' || text.charAt(k) == '#')) {
            k--;
        }
        if (k == start - 1 || k < 3) {
            return false;
        }
        boolean word = text.regionMatches(true, k - 3, "step", 0, 4);
        return word && (k - 4 < 0 || !Character.isLetter(text.charAt(k - 4)));
    }

    /** Cuts "5 apples. I hope it is correct." at the end of its first sentence. */
    private static String cutSentence(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            } else if (c == '.' && depth <= 0 && (i + 1 == s.length() || Character.isWhitespace(s.charAt(i + 1)))) {
                return s.substring(0, i);
            }
        }
        return trimSentenceEnd(s);
    }

    private static String trimSentenceEnd(String s) {
        String t = s.strip();
        // '!' stays: in an answer it is a factorial
        while (!t.isEmpty() && ".,;".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    /** Removes {@code $...$}, {@code \(...\)}, {@code \[...\]} and bold markers around an answer. */
    static String stripMathDelimiters(String s) {
        String t = s.strip();
        boolean changed = true;
        while (changed && !t.isEmpty()) {
            changed = false;
            for (String[] pair : new String[][] {{"$$", "$$"}, {"$", "$"}, {"\\(", "\\)"}, {"\\[", "\\]"}, {"**", "**"}}) {
                if (t.length() >= pair[0].length() + pair[1].length() && t.startsWith(pair[0]) && t.endsWith(pair[1])) {
                    t = t.substring(pair[0].length(), t.length() - pair[1].length()).strip();
                    changed = true;
                }
            }
            t = trimSentenceEnd(t);
        }
        return t;
    }
}
