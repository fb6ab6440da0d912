package org.stepdpo.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.checkpoint.CheckpointException;
import org.stepdpo.engine.checkpoint.HfCheckpoint;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.engine.generation.GeneratedTokens;
import org.stepdpo.engine.generation.SamplingParams;
import org.stepdpo.engine.generation.StopCheck;
import org.stepdpo.engine.generation.TokenGenerator;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.model.ModelConfig;
import org.stepdpo.engine.scoring.ContinuationScore;
import org.stepdpo.engine.scoring.SequenceScorer;
import org.stepdpo.engine.tokenizer.HfTokenizer;
import org.stepdpo.engine.tokenizer.TextTokenizer;

/** {@link LanguageModel} on libtorch: a {@link CausalDecoder} plus its tokenizer and checkpoint folder. */
public final class TorchLanguageModel implements LanguageModel {

    /** Requests per forward batch; larger lists are split. */
    public static final int MAX_BATCH = 16;
    /** Shards above this size are split when saving (transformers' default is 5 GB). */
    public static final long MAX_SHARD_BYTES = 5_000_000_000L;

    private final CausalDecoder decoder;
    private final HfTokenizer tokenizer;
    private final Path tokenizerDir;
    private final ObjectNode baseConfig;
    private final Set<Integer> eosIds;

    public TorchLanguageModel(CausalDecoder decoder, HfTokenizer tokenizer, Path tokenizerDir, ObjectNode baseConfig) {
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        this.tokenizerDir = tokenizerDir;
        this.baseConfig = baseConfig;
        this.eosIds = Set.copyOf(decoder.config().eosTokenIds());
    }

    /** Loads a Hugging Face folder; the tokenizer is optional (token-level use needs none). */
    public static TorchLanguageModel load(Path dir, DeviceChoice deviceChoice, Precision precision) {
        ComputeDevice device = deviceChoice.resolve();
        Precision p = precision == null ? Precision.defaultFor(device) : precision;
        ObjectNode configTree = HfCheckpoint.readConfigTree(dir);
        ModelConfig config;
        try {
            config = ModelConfig.fromJson(configTree);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(dir.resolve(HfCheckpoint.CONFIG) + ": " + e.getMessage(), e);
        }
        config = config.withEosTokenIds(eosIds(dir, config));
        Map<String, Tensor> tensors = HfCheckpoint.readTensors(dir);
        CausalDecoder decoder;
        try {
            decoder = CausalDecoder.fromTensors(config, tensors, device, p, dir.toString());
        } finally {
            tensors.values().forEach(Tensor::close);
        }
        HfTokenizer tokenizer = Files.isRegularFile(dir.resolve("tokenizer.json")) ? HfTokenizer.load(dir) : null;
        return new TorchLanguageModel(decoder, tokenizer, tokenizer == null ? null : dir, configTree);
    }

    /**
     * EOS ids of config.json plus those of generation_config.json, which may give one id or a list (Llama 3.1:
     * 128001, 128008, 128009); generation stops at any of them. A value that is not an id or a list of ids fails
     * naming the file and the field.
     */
    private static List<Integer> eosIds(Path dir, ModelConfig config) {
        Set<Integer> ids = new LinkedHashSet<>(config.eosTokenIds());
        Path generation = dir.resolve(HfCheckpoint.GENERATION_CONFIG);
        if (Files.isRegularFile(generation)) {
            JsonNode eos = HfCheckpoint.readJson(generation).get("eos_token_id");
            List<JsonNode> values = new ArrayList<>();
            if (eos != null && eos.isArray()) {
                eos.forEach(values::add);
            } else if (eos != null && !eos.isNull()) {
                values.add(eos);
            }
            for (JsonNode id : values) {
                if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) {
                    throw new CheckpointException(generation + ": 'eos_token_id' must be a token id or a list of them, got "
                            + eos);
                }
                ids.add(id.asInt());
            }
        }
        return List.copyOf(ids);
    }

    public CausalDecoder decoder() {
        return decoder;
    }

    @Override
    public ModelConfig config() {
        return decoder.config();
    }

    @Override
    public TextTokenizer tokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException("this model folder has no tokenizer.json: text in or out needs one");
        }
        return tokenizer;
    }

    @Override
    public List<Completion> generate(List<GenerationRequest> requests, SamplingParams params) {
        TextTokenizer tok = tokenizer();
        TokenGenerator generator = new TokenGenerator(decoder);
        List<Completion> out = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += MAX_BATCH) {
            List<GenerationRequest> chunk = requests.subList(from, Math.min(requests.size(), from + MAX_BATCH));
            List<int[]> prompts = new ArrayList<>();
            long[] seeds = new long[chunk.size()];
            for (int i = 0; i < chunk.size(); i++) {
                prompts.add(tok.encode(chunk.get(i).prompt(), true));
                seeds[i] = chunk.get(i).seed();
            }
            List<String> stops = params.stop();
            StopCheck check = stops.isEmpty() ? StopCheck.NEVER
                    : (row, tokens, count) -> firstStop(tok.decode(java.util.Arrays.copyOf(tokens, count)), stops) >= 0;
            List<GeneratedTokens> generated = generator.generate(prompts, seeds, params, eosIds, check);
            for (int i = 0; i < chunk.size(); i++) {
                GeneratedTokens g = generated.get(i);
                String text = tok.decode(g.tokens());
                int cut = firstStop(text, stops);
                out.add(new Completion(cut >= 0 ? text.substring(0, cut) : text, g.tokens(), g.reason(),
                        prompts.get(i).length));
            }
        }
        return out;
    }

    private static int firstStop(String text, List<String> stops) {
        int best = -1;
        for (String s : stops) {
            int at = text.indexOf(s);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    @Override
    public List<ContinuationScore> score(List<ScoringRequest> requests) {
        TextTokenizer tok = tokenizer();
        SequenceScorer scorer = new SequenceScorer(decoder);
        List<ContinuationScore> out = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += MAX_BATCH) {
            List<ScoringRequest> chunk = requests.subList(from, Math.min(requests.size(), from + MAX_BATCH));
            List<int[]> prefixes = chunk.stream().map(r -> tok.encode(r.prefix(), true)).toList();
            List<int[]> continuations = chunk.stream().map(r -> tok.encode(r.continuation(), false)).toList();
            out.addAll(scorer.score(prefixes, continuations));
        }
        return out;
    }

    /** Logits [T][V] (fp32) of one unpadded sequence: the check against independent implementations. */
    public float[][] logits(int[] tokenIds) {
        try (InferenceMode inference = new InferenceMode(); PointerScope scope = new PointerScope()) {
            long[] ids = java.util.Arrays.stream(tokenIds).asLongStream().toArray();
            Tensor input = Tensor.create(ids, 1, ids.length).to(decoder.device().torchDevice(), torch.ScalarType.Long); // [1, T]
            Tensor logits = decoder.forward(input).to(torch.ScalarType.Float).cpu().contiguous(); // [1, T, V]
            int v = decoder.config().vocabSize();
            FloatPointer data = new FloatPointer(logits.data_ptr());
            float[][] rows = new float[tokenIds.length][v];
            for (int t = 0; t < tokenIds.length; t++) {
                data.position((long) t * v).get(rows[t]);
            }
            return rows;
        }
    }

    @Override
    public void save(Path directory) {
        save(directory, MAX_SHARD_BYTES);
    }

    /** Saves with shards of at most {@code maxShardBytes}. */
    public void save(Path directory, long maxShardBytes) {
        save(directory, decoder.stateDict(), maxShardBytes);
    }

    /**
     * Saves this model's config, generation config and tokenizer with other weights of the same names and
     * shapes, e.g. a LoRA-merged copy of the live weights.
     */
    public void saveWithWeights(Path directory, Map<String, Tensor> weights) {
        save(directory, weights, MAX_SHARD_BYTES);
    }

    private void save(Path directory, Map<String, Tensor> weights, long maxShardBytes) {
        if (!weights.keySet().equals(decoder.stateDict().keySet())) {
            throw new IllegalArgumentException("weights to save as " + directory + " do not match the model's tensor names");
        }
        // the weights first: non-finite ones are refused before the folder exists, so no half-written model
        HfCheckpoint.writeTensors(directory, weights, maxShardBytes);
        ModelConfig config = decoder.config();
        HfCheckpoint.writeJson(directory.resolve(HfCheckpoint.CONFIG),
                config.toJson(baseConfig, decoder.precision().huggingFaceName()));
        ObjectNode generation = HfCheckpoint.json().createObjectNode();
        if (config.bosTokenId() >= 0) {
            generation.put("bos_token_id", config.bosTokenId());
        }
        var eos = generation.putArray("eos_token_id");
        config.eosTokenIds().forEach(eos::add);
        HfCheckpoint.writeJson(directory.resolve(HfCheckpoint.GENERATION_CONFIG), generation);
        HfCheckpoint.copyTokenizerFiles(tokenizerDir, directory);
    }

    @Override
    public void close() {
        decoder.close();
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
