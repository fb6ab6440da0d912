package org.stepdpo.grading;

import java.util.Locale;
import java.util.Map;

/**
 * Reads an answer written out in English words ("five", "twenty-one", "one hundred and five") as its number,
 * as Qwen2.5-Math's {@code strip_string} does (word2number on the whole answer). Only an answer that is
 * entirely a number phrase is rewritten; "five apples" or "one of them" stay text.
 */
final class NumberWords {

    private static final Map<String, Integer> SMALL = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
            Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
            Map.entry("ninety", 90));
    private static final Map<String, Long> SCALES = Map.of("thousand", 1_000L, "million", 1_000_000L,
            "billion", 1_000_000_000L);
    /** A number phrase longer than this is prose, not an answer. */
    private static final int MAX_LENGTH = 120;

    private NumberWords() {
    }

    /** The digits of {@code s} when all of it is an English number phrase, else {@code s} unchanged. */
    static String replaceWhole(String s) {
        if (s.isEmpty() || s.length() > MAX_LENGTH || !Character.isLetter(s.strip().charAt(0))) {
            return s;
        }
        Long value = parse(s);
        return value == null ? s : Long.toString(value);
    }

    static Long parse(String s) {
        String[] words = s.strip().toLowerCase(Locale.ROOT).replace('-', ' ').split(" +");
        long total = 0;
        long group = 0;
        boolean any = false;
        boolean negative = false;
        for (int k = 0; k < words.length; k++) {
            String w = words[k];
            Integer small = SMALL.get(w);
            if (small != null) {
                group += small;
                any = true;
            } else if (w.equals("hundred") && any) {
                group = (group == 0 ? 1 : group) * 100;
            } else if (SCALES.containsKey(w) && any) {
                total += (group == 0 ? 1 : group) * SCALES.get(w);
                group = 0;
            } else if (w.equals("and") && k > 0 && k + 1 < words.length
                    && (words[k - 1].equals("hundred") || SCALES.containsKey(words[k - 1]))) {
                continue;
            } else if ((w.equals("minus") || w.equals("negative")) && k == 0 && words.length > 1) {
                negative = true;
            } else {
                return null;
            }
        }
        if (!any) {
            return null;
        }
        long value = total + group;
        return negative ? -value : value;
    }
}
