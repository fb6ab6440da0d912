package org.stepdpo.engine.tokenizer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pre-tokenizer of the trained BPE tokenizers, in Java: Hugging Face's
 * {@code Sequence[Digits(individual_digits=true), ByteLevel(add_prefix_space=false, use_regex=true)]}. Every
 * numeric character becomes a piece of its own (so numbers are always spelled digit by digit, which small
 * models need to learn arithmetic); the rest is split by GPT-2's regex. The trainer counts these pieces and
 * {@link ByteLevelBpe} encodes them, so both must split exactly as the tokenizers library does.
 */
public final class ByteLevelPreTokenizer {

    /** GPT-2's split regex, as the tokenizers library's ByteLevel pre-tokenizer uses it. */
    private static final Pattern GPT2_SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private ByteLevelPreTokenizer() {
    }

    /** Hands {@code text}'s pieces to {@code piece}, in order; their concatenation is {@code text}. */
    public static void split(String text, Consumer<String> piece) {
        int runStart = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isNumeric(cp)) {
                splitByRegex(text, runStart, i, piece);
                piece.accept(text.substring(i, next));
                runStart = next;
            }
            i = next;
        }
        splitByRegex(text, runStart, text.length(), piece);
    }

    /** Rust's {@code char::is_numeric}, which the Digits pre-tokenizer uses: categories Nd, Nl and No. */
    static boolean isNumeric(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static void splitByRegex(String text, int from, int to, Consumer<String> piece) {
        if (from >= to) {
            return;
        }
        Matcher m = GPT2_SPLIT.matcher(text).region(from, to);
        int last = from;
        while (m.find()) {
            // The alternatives cover every character, so matches tile the region; keep any gap regardless.
            if (m.start() > last) {
                piece.accept(text.substring(last, m.start()));
            }
            piece.accept(m.group());
            last = m.end();
        }
        if (last < to) {
            piece.accept(text.substring(last, to));
        }
    }

    /** This pre-tokenizer as tokenizer.json's {@code pre_tokenizer}. */
    static ObjectNode toJson() {
        ObjectNode pre = JsonNodeFactory.instance.objectNode();
        pre.put("type", "Sequence");
        var steps = pre.putArray("pretokenizers");
        steps.addObject().put("type", "Digits").put("individual_digits", true);
        steps.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true)
                .put("use_regex", true);
        return pre;
    }
}
