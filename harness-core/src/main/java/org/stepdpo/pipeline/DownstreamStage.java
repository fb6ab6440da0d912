package org.stepdpo.pipeline;

/**
 * Work that follows a complete pairs.jsonl: Step-DPO training from the source model, evaluation of the
 * new checkpoint. The runner calls each stage once pairs.jsonl and dpo_pairs.jsonl are complete, in order,
 * and marks it done in the run folder when it returns, so a resumed run skips finished stages; a stage
 * should keep its own outputs under {@code outputs.runDir().resolve(name())}.
 */
public interface DownstreamStage {

    /** Folder-safe stage name, unique within a run, e.g. {@code train-step-dpo}. */
    String name();

    void run(PipelineOutputs outputs);

    /** Whether the stage prints its own "done in" line (the runner then does not print a second one). */
    default boolean logsItsTime() {
        return false;
    }
}
