package org.stepdpo.engine.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in tokenizer of models the project creates: one token per byte (GPT-2's byte-to-character
 * table, a byte-level BPE with no merges) plus {@code <|endoftext|>}, written as an ordinary Hugging Face
 * {@code tokenizer.json} so transformers, vLLM and DJL read it. Any text round-trips exactly.
 */
public final class ByteLevelTokenizerFiles {

    public static final String END_OF_TEXT = "<|endoftext|>";
    /** Id of {@link #END_OF_TEXT}: right after the 256 byte tokens. */
    public static final int END_OF_TEXT_ID = 256;
    public static final int VOCAB_SIZE = 257;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ByteLevelTokenizerFiles() {
    }

    /**
     * GPT-2's reversible byte → printable character table: printable Latin-1 bytes map to themselves,
     * the others to code points from 256 upward, in byte order.
     */
    static char[] byteToChar() {
        char[] table = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char) b : (char) next++;
        }
        return table;
    }

    /** Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json into {@code dir}. */
    public static void write(Path dir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        addSpecialToken(added, END_OF_TEXT_ID, END_OF_TEXT);
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true).put("use_regex", false);
        root.putNull("post_processor");
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true).put("use_regex", false);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout");
        model.putNull("unk_token").putNull("continuing_subword_prefix").putNull("end_of_word_suffix");
        model.put("fuse_unk", false).put("byte_fallback", false).put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        char[] table = byteToChar();
        for (int b = 0; b < 256; b++) {
            vocab.put(String.valueOf(table[b]), b);
        }
        vocab.put(END_OF_TEXT, END_OF_TEXT_ID);
        model.putArray("merges");
        writeFiles(dir, root, List.of(), "the built-in tokenizer");
    }

    /** One {@code added_tokens} entry for a special token matched verbatim in raw text. */
    static void addSpecialToken(ArrayNode addedTokens, int id, String content) {
        addedTokens.addObject().put("id", id).put("content", content).put("single_word", false).put("lstrip", false)
                .put("rstrip", false).put("normalized", false).put("special", true);
    }

    /**
     * Writes {@code tokenizerJson} as tokenizer.json plus the tokenizer_config.json and special_tokens_map.json
     * every tokenizer the project makes shares: {@link #END_OF_TEXT} is EOS and pad, there is no BOS.
     */
    static void writeFiles(Path dir, ObjectNode tokenizerJson, List<String> additionalSpecialTokens, String what) {
        ObjectNode config = JSON.createObjectNode();
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        config.put("eos_token", END_OF_TEXT).put("pad_token", END_OF_TEXT).putNull("bos_token");
        config.put("model_max_length", 2048).put("clean_up_tokenization_spaces", false);
        ObjectNode special = JSON.createObjectNode();
        special.put("eos_token", END_OF_TEXT).put("pad_token", END_OF_TEXT);
        if (!additionalSpecialTokens.isEmpty()) {
            additionalSpecialTokens.forEach(config.putArray("additional_special_tokens")::add);
            additionalSpecialTokens.forEach(special.putArray("additional_special_tokens")::add);
        }
        try {
            Files.createDirectories(dir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("tokenizer.json").toFile(), tokenizerJson);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("tokenizer_config.json").toFile(), config);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("special_tokens_map.json").toFile(), special);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + " into " + dir, e);
        }
    }
}
