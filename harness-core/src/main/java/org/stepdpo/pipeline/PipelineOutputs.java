package org.stepdpo.pipeline;

import java.nio.file.Path;

/**
 * A finished data iteration, as handed to the stages that follow it (training, evaluation).
 *
 * @param config      the configuration it ran with
 * @param runDir      the run folder
 * @param sourceModel the model that wrote the answers (the reference model of Step-DPO training)
 * @param summary     its counts
 * @param runRecordId the id of its record in the database, or -1 when not recorded
 */
public record PipelineOutputs(PipelineConfig config, Path runDir, String sourceModel, PipelineSummary summary,
                              long runRecordId) {

    public static final String SAMPLES = "samples.jsonl";
    public static final String ERRORS = "errors.jsonl";
    public static final String LOCALIZED = "localized.jsonl";
    public static final String RECTIFICATIONS = "rectifications.jsonl";
    public static final String PAIRS = "pairs.jsonl";
    public static final String DPO_PAIRS = "dpo_pairs.jsonl";

    public Path samples() {
        return runDir.resolve(SAMPLES);
    }

    public Path errors() {
        return runDir.resolve(ERRORS);
    }

    public Path localized() {
        return runDir.resolve(LOCALIZED);
    }

    public Path rectifications() {
        return runDir.resolve(RECTIFICATIONS);
    }

    /** Step-DPO pairs (Math-Step-DPO-10K schema). */
    public Path pairs() {
        return runDir.resolve(PAIRS);
    }

    /** Whole-answer pairs for the vanilla DPO baseline, same schema. */
    public Path dpoPairs() {
        return runDir.resolve(DPO_PAIRS);
    }
}
