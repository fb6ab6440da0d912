package org.stepdpo.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A line of pairs.jsonl (and dpo_pairs.jsonl), in the schema of the public Math-Step-DPO-10K data set
 * (docs/METHOD.md) plus the project's extra fields.
 *
 * <p>The model is trained on {@code template.prompt(prompt) + initial_reason_steps} followed by
 * {@code chosen} or {@code rejected}: those three concatenate to text the model itself wrote (or continued),
 * so {@code chosen} and {@code rejected} keep the white space that follows the "Step k:" marker.
 *
 * @param dataset            adapter name
 * @param prompt             the problem text
 * @param initialReasonSteps the answer up to and including the wrong step's "Step k:" marker; for a
 *                           whole-answer pair, the template's response prefix
 * @param chosen             the right step s_win (whole right answer for vanilla DPO)
 * @param rejected           the wrong step s_lose (whole wrong answer for vanilla DPO)
 * @param fullChosen         the right continuation from step k to its end
 * @param fullRejected       the wrong answer from step k to its end
 * @param answer             the reference answer
 * @param stepIndex          0-based index of the wrong step (k − 1); null for whole-answer pairs
 * @param judge              the judge that localized the step; null for whole-answer pairs
 * @param sourceModel        the model that wrote both sides
 * @param problemId          the problem's id
 */
@JsonPropertyOrder({"dataset", "prompt", "initial_reason_steps", "chosen", "rejected", "full_chosen", "full_rejected",
        "answer", "step_index", "judge", "source_model", "problem_id"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreferencePair(@JsonProperty("dataset") String dataset,
                             @JsonProperty("prompt") String prompt,
                             @JsonProperty("initial_reason_steps") String initialReasonSteps,
                             @JsonProperty("chosen") String chosen,
                             @JsonProperty("rejected") String rejected,
                             @JsonProperty("full_chosen") String fullChosen,
                             @JsonProperty("full_rejected") String fullRejected,
                             @JsonProperty("answer") String answer,
                             @JsonProperty("step_index") Integer stepIndex,
                             @JsonProperty("judge") String judge,
                             @JsonProperty("source_model") String sourceModel,
                             @JsonProperty("problem_id") String problemId) {
}
