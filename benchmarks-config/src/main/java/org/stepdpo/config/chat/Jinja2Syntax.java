package org.stepdpo.config.chat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a Jinja2 template so that jinjava reads it as Python's Jinja2 does; the pre-processing step before
 * jinjava parses a chat template.
 * <ul>
 *   <li>Line ends become {@code \n} and one final newline is dropped, as Jinja2's lexer does
 *       ({@code keep_trailing_newline=False}); jinjava's own switch drops the output's final newline instead,
 *       which would eat the {@code \n} of Qwen's last {@code '<|im_start|>assistant\n'}.</li>
 *   <li>The reversing slice {@code xs[::-1]} (Qwen3 walks {@code messages[::-1]}) becomes {@code (xs|reverse)};
 *       jinjava parses {@code [a:b]} but no step.</li>
 *   <li>String literals' escapes that jinjava does not know (<code>&#92;u00e9</code>, {@code \x41}, {@code \d}, ...) become
 *       the characters Jinja2 reads ({@link Jinja2Strings}).</li>
 *   <li>Operator precedence that jinjava gets wrong is made explicit with parentheses
 *       ({@link Jinja2Precedence}).</li>
 * </ul>
 * Only the text inside {@code {{ }}} and {@code {% %}} is rewritten, never the template's literal text.
 */
final class Jinja2Syntax {

    private static final Pattern TAG = Pattern.compile("\\{[{%].*?[}%]}", Pattern.DOTALL);
    private static final Pattern REVERSED = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\[\\s*:\\s*:\\s*-1\\s*]");

    private Jinja2Syntax() {
    }

    static String rewrite(String template) {
        String source = template.replace("\r\n", "\n").replace('\r', '\n');
        if (source.endsWith("\n")) {
            source = source.substring(0, source.length() - 1);
        }
        Matcher tag = TAG.matcher(source);
        StringBuilder out = new StringBuilder();
        while (tag.find()) {
            String rewritten = REVERSED.matcher(Jinja2Strings.rewriteLiterals(tag.group())).replaceAll("($1|reverse)");
            tag.appendReplacement(out, Matcher.quoteReplacement(Jinja2Precedence.parenthesize(rewritten)));
        }
        tag.appendTail(out);
        return out.toString();
    }
}
