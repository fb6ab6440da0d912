package org.stepdpo.engine.tokenizer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A byte-level BPE tokenizer as {@link BpeTrainer} makes it: ids 0–255 are the bytes (GPT-2's byte → character
 * table, as in {@link ByteLevelTokenizerFiles}), then the special tokens ({@code <|endoftext|>} first, at 256),
 * then the tokens the merges create. {@link #write} saves it as a Hugging Face {@code tokenizer.json} with the
 * {@link ByteLevelPreTokenizer} pipeline; {@link #encode} is a Java encoder that gives the same ids as the
 * tokenizers library, for counting tokens without the native library.
 */
public final class ByteLevelBpe implements TextTokenizer {

    /** One merge rule: tokens {@code left} and {@code right} side by side become {@code result}. */
    public record Merge(int left, int right, int result) {
    }

    private final List<String> tokens;
    private final List<String> specialTokens;
    private final List<Merge> merges;
    private final Map<String, Integer> ids = new HashMap<>();
    /** (left, right) → {rank, result}. */
    private final Map<Long, int[]> mergeRanks = new HashMap<>();
    private final Map<String, int[]> pieceCache = new ConcurrentHashMap<>();
    private final char[] byteToChar = ByteLevelTokenizerFiles.byteToChar();
    private final int[] charToByte = new int[512];

    /**
     * @param tokens        id → token text in byte-level characters (special tokens verbatim)
     * @param specialTokens the special tokens, at ids 256, 257, ...
     * @param merges        in rank order
     */
    ByteLevelBpe(List<String> tokens, List<String> specialTokens, List<Merge> merges) {
        this.tokens = List.copyOf(tokens);
        this.specialTokens = List.copyOf(specialTokens);
        this.merges = List.copyOf(merges);
        if (specialTokens.isEmpty() || !specialTokens.get(0).equals(ByteLevelTokenizerFiles.END_OF_TEXT)) {
            throw new IllegalArgumentException("the first special token must be " + ByteLevelTokenizerFiles.END_OF_TEXT
                    + ", got " + specialTokens);
        }
        for (int id = 0; id < this.tokens.size(); id++) {
            if (ids.put(this.tokens.get(id), id) != null) {
                throw new IllegalArgumentException("token " + this.tokens.get(id) + " appears twice in the vocabulary");
            }
        }
        for (int i = 0; i < specialTokens.size(); i++) {
            if (!this.tokens.get(256 + i).equals(specialTokens.get(i))) {
                throw new IllegalArgumentException("special token " + specialTokens.get(i) + " is not at id " + (256 + i));
            }
        }
        for (int rank = 0; rank < this.merges.size(); rank++) {
            Merge m = this.merges.get(rank);
            if (!this.tokens.get(m.result()).equals(this.tokens.get(m.left()) + this.tokens.get(m.right()))) {
                throw new IllegalArgumentException("merge " + rank + " " + m + " does not spell its result");
            }
            if (mergeRanks.put(pair(m.left(), m.right()), new int[] {rank, m.result()}) != null) {
                throw new IllegalArgumentException("merge " + rank + " " + m + " appears twice");
            }
        }
        Arrays.fill(charToByte, -1);
        for (int b = 0; b < 256; b++) {
            charToByte[byteToChar[b]] = b;
        }
    }

    public int vocabSize() {
        return tokens.size();
    }

    public List<String> specialTokens() {
        return specialTokens;
    }

    public List<Merge> merges() {
        return merges;
    }

    /** Token text of {@code id}: byte-level characters, or a special token verbatim. */
    public String token(int id) {
        return tokens.get(id);
    }

    /** Ids of {@code text} as the tokenizers library encodes it with the written tokenizer.json (no specials added). */
    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        List<Integer> out = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int[] special = nextSpecial(text, from);
            int end = special == null ? text.length() : special[0];
            ByteLevelPreTokenizer.split(text.substring(from, end), piece -> {
                for (int id : encodePiece(piece)) {
                    out.add(id);
                }
            });
            if (special == null) {
                break;
            }
            out.add(256 + special[1]);
            from = end + specialTokens.get(special[1]).length();
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Leftmost, then longest, special token at or after {@code from}: {start, index}, or null. */
    private int[] nextSpecial(String text, int from) {
        int[] best = null;
        for (int i = 0; i < specialTokens.size(); i++) {
            int at = text.indexOf(specialTokens.get(i), from);
            if (at >= 0 && (best == null || at < best[0]
                    || at == best[0] && specialTokens.get(i).length() > specialTokens.get(best[1]).length())) {
                best = new int[] {at, i};
            }
        }
        return best;
    }

    private int[] encodePiece(String piece) {
        return pieceCache.computeIfAbsent(piece, p -> applyMerges(p.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The tokenizers library's {@code Word::merge_all}: a queue of applicable merges ordered by rank, then position;
     * each merge re-queues the pairs it forms with its neighbours, and stale entries are skipped.
     */
    private int[] applyMerges(byte[] bytes) {
        int n = bytes.length;
        int[] symbol = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        boolean[] removed = new boolean[n];
        for (int i = 0; i < n; i++) {
            symbol[i] = bytes[i] & 0xFF;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        // Entries {rank, position, result}: lowest rank first, then leftmost.
        PriorityQueue<int[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0])
                : Integer.compare(a[1], b[1]));
        for (int i = 0; i + 1 < n; i++) {
            enqueue(queue, symbol[i], symbol[i + 1], i);
        }
        while (!queue.isEmpty()) {
            int[] top = queue.poll();
            int pos = top[1];
            if (removed[pos] || next[pos] < 0) {
                continue;
            }
            int right = next[pos];
            int[] current = mergeRanks.get(pair(symbol[pos], symbol[right]));
            if (current == null || current[1] != top[2]) {
                continue;
            }
            symbol[pos] = top[2];
            removed[right] = true;
            next[pos] = next[right];
            if (next[right] >= 0) {
                prev[next[right]] = pos;
            }
            if (prev[pos] >= 0) {
                enqueue(queue, symbol[prev[pos]], symbol[pos], prev[pos]);
            }
            if (next[pos] >= 0) {
                enqueue(queue, symbol[pos], symbol[next[pos]], pos);
            }
        }
        int[] out = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!removed[i]) {
                out[count++] = symbol[i];
            }
        }
        return Arrays.copyOf(out, count);
    }

    private void enqueue(PriorityQueue<int[]> queue, int left, int right, int position) {
        int[] rank = mergeRanks.get(pair(left, right));
        if (rank != null) {
            queue.add(new int[] {rank[0], position, rank[1]});
        }
    }

    static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /** Text of {@code ids}, special tokens skipped; invalid UTF-8 becomes U+FFFD. */
    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id < 0 || id >= tokens.size()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + tokens.size());
            }
            if (id >= 256 && id < 256 + specialTokens.size()) {
                continue;
            }
            String token = tokens.get(id);
            for (int i = 0; i < token.length(); i++) {
                bytes.write(charToByte[token.charAt(i)]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int tokenId(String token) {
        return ids.getOrDefault(token, -1);
    }

    @Override
    public void close() {
    }

    /** Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json into {@code dir}. */
    public void write(Path dir) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < specialTokens.size(); i++) {
            ByteLevelTokenizerFiles.addSpecialToken(added, 256 + i, specialTokens.get(i));
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", ByteLevelPreTokenizer.toJson());
        root.putNull("post_processor");
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true).put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout");
        model.putNull("unk_token").putNull("continuing_subword_prefix").putNull("end_of_word_suffix");
        model.put("fuse_unk", false).put("byte_fallback", false).put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < tokens.size(); id++) {
            vocab.put(tokens.get(id), id);
        }
        // "left right" strings: byte-level tokens never contain a space (it is Ġ), and every tokenizers
        // version reads this form (the [left, right] pair form needs 0.20 or later).
        ArrayNode mergeList = model.putArray("merges");
        for (Merge m : merges) {
            mergeList.add(tokens.get(m.left()) + " " + tokens.get(m.right()));
        }
        ByteLevelTokenizerFiles.writeFiles(dir, root, specialTokens.subList(1, specialTokens.size()),
                "the trained BPE tokenizer");
    }
}
