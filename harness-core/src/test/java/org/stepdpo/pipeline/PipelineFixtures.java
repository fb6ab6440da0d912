package org.stepdpo.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.stepdpo.config.PromptTemplates;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.Problem;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.judges.JudgeChoice;

/** A small arith pipeline for tests. */
final class PipelineFixtures {

    static final DatasetSelection DATA = new DatasetSelection("arith", "train", Map.of("n", "12", "seed", "5"));

    private PipelineFixtures() {
    }

    static List<Problem> problems() {
        return DatasetAdapters.byName("arith").load(Path.of(DATA.source()), new LoadOptions(false, DATA.options())).problems();
    }

    static PipelineConfig config(Path out, JudgeChoice judge, int batchSize) {
        return new PipelineConfig(DATA, PromptTemplates.builtin().get("step"), 4, SamplingSettings.paper(200), judge, 4,
                SamplingSettings.paper(200), PairRules.defaults(), 7, batchSize, out);
    }
}
