package org.stepdpo.engine.tokenizer;

import ai.djl.engine.EngineException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.stepdpo.engine.checkpoint.CheckpointException;

/** A Hugging Face {@code tokenizer.json}, run by the tokenizers library through DJL's bindings. */
public final class HfTokenizer implements TextTokenizer {

    private final HuggingFaceTokenizer tokenizer;
    private final Path file;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, Path file) {
        this.tokenizer = tokenizer;
        this.file = file;
    }

    /**
     * Loads {@code dir/tokenizer.json}; no truncation, no padding: the engine pads itself. A file the
     * tokenizers library refuses (not JSON, or not a tokenizer) fails as a {@link CheckpointException} naming
     * it; the library's own failure to load stays what it is, since no file can fix that.
     */
    public static HfTokenizer load(Path dir) {
        Path file = Files.isDirectory(dir) ? dir.resolve("tokenizer.json") : dir;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no tokenizer.json at " + file);
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(file,
                    Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true"));
            return new HfTokenizer(t, file);
        } catch (IOException e) {
            throw new CheckpointException(file + ": " + CheckpointException.describe(e), e);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) { // the native parser's error, e.g. "EOF while parsing an object at line 1 column 42"
            throw new CheckpointException(file + ": not a tokenizer the tokenizers library reads: "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " "), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        long[] ids = tokenizer.encode(text, addSpecialTokens, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, true);
    }

    @Override
    public int tokenId(String token) {
        long[] ids = tokenizer.encode(token, false, false).getIds();
        String[] tokens = tokenizer.encode(token, false, false).getTokens();
        return ids.length == 1 && tokens[0].equals(token) ? Math.toIntExact(ids[0]) : -1;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
