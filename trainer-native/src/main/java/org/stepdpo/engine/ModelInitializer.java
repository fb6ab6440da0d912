package org.stepdpo.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stepdpo.engine.checkpoint.HfCheckpoint;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.engine.model.Architecture;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.ModelConfig;
import org.stepdpo.engine.model.RopeScaling;
import org.stepdpo.engine.tokenizer.ByteLevelTokenizerFiles;
import org.stepdpo.engine.tokenizer.HfTokenizer;

/** Creates a randomly initialised model folder in Hugging Face layout ({@code stepdpo model init}). */
public final class ModelInitializer {

    /**
     * @param vocabSize    0 = the tokenizer's size rounded up to a multiple of 64
     * @param tokenizer    a tokenizer.json to use, or null for the built-in byte-level tokenizer
     * @param headDim      0 = hiddenSize / heads (Qwen3 and Llama 3.2 configs set it apart)
     * @param maxPositions max_position_embeddings
     * @param ropeScaling  rope_scaling (Llama 3.1: llama3 ×8 from 8192)
     */
    public record Spec(Architecture architecture, int vocabSize, int hiddenSize, int intermediateSize, int layers,
                       int heads, int kvHeads, double ropeTheta, double rmsNormEps, boolean tiedEmbeddings, long seed,
                       Path tokenizer, int headDim, int maxPositions, RopeScaling ropeScaling) {

        /** Head width hidden / heads, 2048 positions, no rope scaling. */
        public Spec(Architecture architecture, int vocabSize, int hiddenSize, int intermediateSize, int layers,
                    int heads, int kvHeads, double ropeTheta, double rmsNormEps, boolean tiedEmbeddings, long seed,
                    Path tokenizer) {
            this(architecture, vocabSize, hiddenSize, intermediateSize, layers, heads, kvHeads, ropeTheta, rmsNormEps,
                    tiedEmbeddings, seed, tokenizer, 0, 2048, RopeScaling.NONE);
        }

        /** The small default shape: 4 layers, width 128, GQA 4 query / 2 KV heads. */
        public static Spec small(Architecture architecture) {
            return new Spec(architecture, 0, 128, 352, 4, 4, 2, 10000.0, 1e-6, true, 0, null);
        }
    }

    private ModelInitializer() {
    }

    /** Writes the folder and returns its config. */
    public static ModelConfig initialize(Spec spec, Path out) {
        Path tokenizerDir;
        int tokenizerVocab;
        List<Integer> eos = new ArrayList<>();
        if (spec.tokenizer() == null) {
            ByteLevelTokenizerFiles.write(out);
            tokenizerDir = out;
            tokenizerVocab = ByteLevelTokenizerFiles.VOCAB_SIZE;
            eos.add(ByteLevelTokenizerFiles.END_OF_TEXT_ID);
        } else {
            Path file = Files.isDirectory(spec.tokenizer()) ? spec.tokenizer().resolve("tokenizer.json") : spec.tokenizer();
            tokenizerDir = file.toAbsolutePath().getParent();
            tokenizerVocab = vocabularySize(file);
            try (HfTokenizer tok = HfTokenizer.load(file)) {
                for (String candidate : List.of("<|endoftext|>", "<|im_end|>", "</s>", "<|end_of_text|>", "<eos>")) {
                    int id = tok.tokenId(candidate);
                    if (id >= 0) {
                        eos.add(id);
                        break;
                    }
                }
            }
            if (eos.isEmpty()) {
                throw new IllegalArgumentException(file + ": found no end-of-sequence token among <|endoftext|>, "
                        + "<|im_end|>, </s>, <|end_of_text|>, <eos>");
            }
        }
        int vocab = spec.vocabSize() > 0 ? spec.vocabSize() : (tokenizerVocab + 63) / 64 * 64;
        if (vocab < tokenizerVocab) {
            throw new IllegalArgumentException("vocab size " + vocab + " is smaller than the tokenizer's " + tokenizerVocab);
        }
        boolean qwen2 = spec.architecture() == Architecture.QWEN2;
        int headDim = spec.headDim() > 0 ? spec.headDim() : spec.hiddenSize() / spec.heads();
        ModelConfig config = new ModelConfig(spec.architecture(), vocab, spec.hiddenSize(), spec.intermediateSize(),
                spec.layers(), spec.heads(), spec.kvHeads(), headDim, spec.rmsNormEps(), spec.ropeTheta(),
                spec.maxPositions(), spec.tiedEmbeddings(), qwen2, false, false, -1, eos, 0.02, spec.ropeScaling(),
                org.stepdpo.engine.model.SlidingWindow.NONE);
        CausalDecoder decoder = CausalDecoder.randomInit(config, spec.seed(), ComputeDevice.cpu(), Precision.FP32);
        try (TorchLanguageModel model = new TorchLanguageModel(decoder, null, null, null)) {
            model.save(out);
        }
        HfCheckpoint.copyTokenizerFiles(tokenizerDir, out);
        return config;
    }

    /** Highest id in a tokenizer.json's vocabulary or added tokens, plus one. */
    static int vocabularySize(Path tokenizerJson) {
        JsonNode root = HfCheckpoint.readJson(tokenizerJson);
        int max = -1;
        for (JsonNode id : (Iterable<JsonNode>) () -> root.path("model").path("vocab").elements()) {
            max = Math.max(max, id.asInt());
        }
        for (JsonNode added : root.path("added_tokens")) {
            max = Math.max(max, added.path("id").asInt());
        }
        if (max < 0) {
            throw new IllegalArgumentException(tokenizerJson + " has no vocabulary");
        }
        return max + 1;
    }
}
