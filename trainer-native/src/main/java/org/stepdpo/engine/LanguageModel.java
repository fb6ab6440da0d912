package org.stepdpo.engine;

import java.nio.file.Path;
import java.util.List;
import org.stepdpo.engine.generation.SamplingParams;
import org.stepdpo.engine.model.ModelConfig;
import org.stepdpo.engine.scoring.ContinuationScore;
import org.stepdpo.engine.tokenizer.TextTokenizer;

/** The engine's seam: text in, text and log-probabilities out; knows tokens and checkpoints, not math. */
public interface LanguageModel extends AutoCloseable {

    ModelConfig config();

    TextTokenizer tokenizer();

    /** One completion per request, in order; requests are batched internally. */
    List<Completion> generate(List<GenerationRequest> requests, SamplingParams params);

    /** log π(continuation | prefix) per request, prefix tokens masked out. */
    List<ContinuationScore> score(List<ScoringRequest> requests);

    /** Writes a Hugging Face folder (config.json, model.safetensors, tokenizer files). */
    void save(Path directory);

    @Override
    void close();
}
