package org.stepdpo.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Trains a byte-level BPE tokenizer ({@link ByteLevelBpe}) on a corpus.
 *
 * <p>The corpus is cut into pieces by {@link ByteLevelPreTokenizer} (digits stay single tokens, as merges
 * never cross pieces), identical pieces are counted once with their frequency, and the most frequent adjacent
 * pair of tokens is merged until the vocabulary reaches {@code vocabSize}. Pair counts are kept up to date
 * incrementally: a merge only revisits the pieces that contain its pair (an index from pair to pieces), and a
 * max-heap with lazily refreshed entries picks the next pair. Ties go to the smaller pair of ids (left id,
 * then right id), so the same corpus always gives the same tokenizer.
 *
 * @param vocabSize     the target vocabulary: 256 bytes + special tokens + merged tokens; fewer when the corpus
 *                      runs out of pairs seen {@code minFrequency} times
 * @param specialTokens special tokens after {@code <|endoftext|>}, which is always id 256
 * @param minFrequency  a pair seen fewer times than this is never merged
 */
public record BpeTrainer(int vocabSize, List<String> specialTokens, int minFrequency) {

    public BpeTrainer {
        Set<String> unique = new LinkedHashSet<>();
        for (String s : specialTokens) {
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException("a special token must not be empty");
            }
            if (!s.equals(ByteLevelTokenizerFiles.END_OF_TEXT)) {
                unique.add(s);
            }
        }
        specialTokens = List.copyOf(unique);
        int base = 256 + 1 + specialTokens.size();
        if (vocabSize < base) {
            throw new IllegalArgumentException("vocab size " + vocabSize + " is below the " + base
                    + " tokens every byte-level tokenizer has (256 bytes + " + (1 + specialTokens.size()) + " special)");
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("min frequency must be at least 1, got " + minFrequency);
        }
    }

    /** {@code <|endoftext|>} as the only special token; pairs seen once are not merged. */
    public static BpeTrainer withVocabSize(int vocabSize) {
        return new BpeTrainer(vocabSize, List.of(), 2);
    }

    /** All special tokens in id order, from 256: {@code <|endoftext|>}, then {@link #specialTokens}. */
    public List<String> allSpecialTokens() {
        List<String> all = new ArrayList<>();
        all.add(ByteLevelTokenizerFiles.END_OF_TEXT);
        all.addAll(specialTokens);
        return all;
    }

    public ByteLevelBpe train(Iterable<String> texts) {
        List<String> specials = allSpecialTokens();
        Map<String, long[]> pieceCounts = new HashMap<>();
        for (String text : texts) {
            for (String segment : withoutSpecialTokens(text, specials)) {
                ByteLevelPreTokenizer.split(segment, piece -> pieceCounts.computeIfAbsent(piece, k -> new long[1])[0]++);
            }
        }
        return new Run(pieceCounts, specials).run();
    }

    /** The stretches of {@code text} between special tokens: the encoder never merges across them either. */
    private static List<String> withoutSpecialTokens(String text, List<String> specials) {
        List<String> segments = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = -1;
            int length = 0;
            for (String s : specials) {
                int i = text.indexOf(s, from);
                if (i >= 0 && (at < 0 || i < at || i == at && s.length() > length)) {
                    at = i;
                    length = s.length();
                }
            }
            if (at < 0) {
                segments.add(text.substring(from));
                return segments;
            }
            segments.add(text.substring(from, at));
            from = at + length;
        }
    }

    /** One training run's mutable state. */
    private final class Run {
        private final int[][] words;
        private final long[] frequency;
        private final int[] visitedAtStep;
        private final Map<Long, long[]> pairCounts = new HashMap<>();
        private final Map<Long, IntList> pairWords = new HashMap<>();
        /** {pair, count} entries, highest count first, then the smaller pair; stale ones are refreshed on pop. */
        private final PriorityQueue<long[]> heap = new PriorityQueue<>((a, b) -> a[1] != b[1]
                ? Long.compare(b[1], a[1]) : Long.compare(a[0], b[0]));
        private final List<String> tokens = new ArrayList<>();
        private final Map<String, Integer> tokenIds = new HashMap<>();
        private final Set<String> specials;
        private final List<ByteLevelBpe.Merge> merges = new ArrayList<>();
        private final Set<Long> merged = new HashSet<>();
        /** Pairs whose merged text would equal a special token: never merged. */
        private final Set<Long> banned = new HashSet<>();

        Run(Map<String, long[]> pieceCounts, List<String> specialList) {
            // Sorted, so the piece index (and with it every traversal order) does not depend on hashing.
            List<String> pieces = new ArrayList<>(pieceCounts.keySet());
            pieces.sort(null);
            words = new int[pieces.size()][];
            frequency = new long[pieces.size()];
            visitedAtStep = new int[pieces.size()];
            Arrays.fill(visitedAtStep, -1);
            for (int w = 0; w < pieces.size(); w++) {
                byte[] bytes = pieces.get(w).getBytes(StandardCharsets.UTF_8);
                words[w] = new int[bytes.length];
                for (int i = 0; i < bytes.length; i++) {
                    words[w][i] = bytes[i] & 0xFF;
                }
                frequency[w] = pieceCounts.get(pieces.get(w))[0];
            }
            char[] byteToChar = ByteLevelTokenizerFiles.byteToChar();
            for (int b = 0; b < 256; b++) {
                addToken(String.valueOf(byteToChar[b]));
            }
            specialList.forEach(this::addToken);
            specials = Set.copyOf(specialList);
        }

        private int addToken(String text) {
            tokens.add(text);
            tokenIds.put(text, tokens.size() - 1);
            return tokens.size() - 1;
        }

        ByteLevelBpe run() {
            for (int w = 0; w < words.length; w++) {
                int[] word = words[w];
                for (int i = 0; i + 1 < word.length; i++) {
                    long p = ByteLevelBpe.pair(word[i], word[i + 1]);
                    count(p, frequency[w]);
                    pairWords.computeIfAbsent(p, k -> new IntList()).add(w);
                }
            }
            pairCounts.forEach((p, c) -> heap.add(new long[] {p, c[0]}));
            int step = 0;
            while (tokens.size() < vocabSize && !heap.isEmpty()) {
                long[] top = heap.poll();
                long pair = top[0];
                long[] current = pairCounts.get(pair);
                long count = current == null ? 0 : current[0];
                if (count != top[1]) {
                    if (count > 0) {
                        heap.add(new long[] {pair, count});
                    }
                    continue;
                }
                if (count < minFrequency) {
                    break;
                }
                int left = (int) (pair >>> 32);
                int right = (int) pair;
                String text = tokens.get(left) + tokens.get(right);
                if (specials.contains(text)) {
                    banned.add(pair);
                    continue;
                }
                Integer existing = tokenIds.get(text);
                int result = existing != null ? existing : addToken(text);
                // A pair can come back only when a later merge re-creates an existing token; its first rule covers it.
                if (merged.add(pair)) {
                    merges.add(new ByteLevelBpe.Merge(left, right, result));
                }
                apply(pair, left, right, result, step++);
            }
            return new ByteLevelBpe(tokens, allSpecialTokens(), merges);
        }

        /** Merges {@code pair} in every piece that has it and updates the pair counts by the difference. */
        private void apply(long pair, int left, int right, int result, int step) {
            Set<Long> touched = new HashSet<>();
            IntList holders = pairWords.remove(pair);
            if (holders == null) {
                return;
            }
            for (int k = 0; k < holders.size; k++) {
                int w = holders.values[k];
                if (visitedAtStep[w] == step) {
                    continue;
                }
                visitedAtStep[w] = step;
                int[] before = words[w];
                int[] after = mergeWord(before, left, right, result);
                if (after == null) {
                    continue;
                }
                long f = frequency[w];
                for (int i = 0; i + 1 < before.length; i++) {
                    count(ByteLevelBpe.pair(before[i], before[i + 1]), -f);
                }
                for (int i = 0; i + 1 < after.length; i++) {
                    long p = ByteLevelBpe.pair(after[i], after[i + 1]);
                    count(p, f);
                    if (after[i] == result || after[i + 1] == result) {
                        pairWords.computeIfAbsent(p, key -> new IntList()).add(w);
                        touched.add(p);
                    }
                }
                words[w] = after;
            }
            for (long p : touched) {
                long[] c = pairCounts.get(p);
                if (c != null && !banned.contains(p)) {
                    heap.add(new long[] {p, c[0]});
                }
            }
        }

        private void count(long pair, long delta) {
            long[] c = pairCounts.computeIfAbsent(pair, k -> new long[1]);
            c[0] += delta;
            if (c[0] == 0) {
                pairCounts.remove(pair);
            }
        }
    }

    /** {@code word} with each non-overlapping (left, right), scanned left to right, replaced by {@code result}; null if none. */
    static int[] mergeWord(int[] word, int left, int right, int result) {
        int[] out = null;
        int n = 0;
        for (int i = 0; i < word.length; i++) {
            if (i + 1 < word.length && word[i] == left && word[i + 1] == right) {
                if (out == null) {
                    out = Arrays.copyOf(word, word.length);
                    n = i;
                }
                out[n++] = result;
                i++;
            } else if (out != null) {
                out[n++] = word[i];
            }
        }
        return out == null ? null : Arrays.copyOf(out, n);
    }

    /** A growable list of piece indices. */
    private static final class IntList {
        int[] values = new int[4];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
