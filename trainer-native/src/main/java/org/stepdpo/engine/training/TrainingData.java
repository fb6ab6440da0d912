package org.stepdpo.engine.training;

import java.nio.file.Path;
import java.util.List;
import org.stepdpo.engine.training.data.LoadedData;
import org.stepdpo.engine.training.data.PreferencePair;
import org.stepdpo.engine.training.data.PromptFormat;
import org.stepdpo.engine.training.data.SftExample;
import org.stepdpo.engine.training.data.TrainingDataReader;

/**
 * The records of a run and how to render their prompts: preference pairs (Step-DPO, DPO) or SFT examples.
 *
 * @param source  where they came from (for messages and the checkpoint's compatibility check)
 * @param pairs   preference pairs, or empty for SFT
 * @param sft     SFT examples, or empty for preference objectives
 * @param skipped messages of the records skipped as invalid
 */
public record TrainingData(String source, PromptFormat format, List<PreferencePair> pairs, List<SftExample> sft,
                           List<String> skipped) {

    public TrainingData {
        pairs = List.copyOf(pairs);
        sft = List.copyOf(sft);
        skipped = List.copyOf(skipped);
    }

    public static TrainingData pairs(String source, PromptFormat format, List<PreferencePair> pairs) {
        return new TrainingData(source, format, pairs, List.of(), List.of());
    }

    public static TrainingData sft(String source, PromptFormat format, List<SftExample> examples) {
        return new TrainingData(source, format, List.of(), examples, List.of());
    }

    /** Reads {@code file} as the objective needs it (pairs or prompt/completion records). */
    public static TrainingData read(Path file, Objective objective, PromptFormat format, boolean skipInvalid) {
        if (objective.isPreference()) {
            LoadedData<PreferencePair> d = TrainingDataReader.readPairs(file, objective, skipInvalid);
            return new TrainingData(file.toString(), format, d.records(), List.of(), d.skipped());
        }
        LoadedData<SftExample> d = TrainingDataReader.readSft(file, skipInvalid);
        return new TrainingData(file.toString(), format, List.of(), d.records(), d.skipped());
    }

    public int size() {
        return pairs.size() + sft.size();
    }
}
