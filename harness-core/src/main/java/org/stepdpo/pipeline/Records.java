package org.stepdpo.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The lines of the run folder's JSONL files, one record type per file; field names as written. */
public final class Records {

    private Records() {
    }

    /** samples.jsonl: one graded answer. {@code completion} is the model's text after the template's response prefix. */
    @JsonPropertyOrder({"problem_id", "problem_index", "sample_index", "seed", "completion", "finish_reason",
            "extracted", "correct"})
    public record SampleLine(@JsonProperty("problem_id") String problemId,
                             @JsonProperty("problem_index") int problemIndex,
                             @JsonProperty("sample_index") int sampleIndex,
                             @JsonProperty("seed") long seed,
                             @JsonProperty("completion") String completion,
                             @JsonProperty("finish_reason") String finishReason,
                             @JsonProperty("extracted") String extracted,
                             @JsonProperty("correct") boolean correct) {
    }

    /** A step of a wrong answer: its span in the response; {@code body_start} is after its "Step k:" marker. */
    @JsonPropertyOrder({"index", "start", "end", "body_start", "text"})
    public record StepSpan(@JsonProperty("index") int index,
                           @JsonProperty("start") int start,
                           @JsonProperty("end") int end,
                           @JsonProperty("body_start") int bodyStart,
                           @JsonProperty("text") String text) {
    }

    /** errors.jsonl: a wrong answer with its steps; {@code response} = response prefix + completion. */
    @JsonPropertyOrder({"problem_id", "problem_index", "sample_index", "extracted", "response", "steps"})
    public record ErrorLine(@JsonProperty("problem_id") String problemId,
                            @JsonProperty("problem_index") int problemIndex,
                            @JsonProperty("sample_index") int sampleIndex,
                            @JsonProperty("extracted") String extracted,
                            @JsonProperty("response") String response,
                            @JsonProperty("steps") List<StepSpan> steps) {
    }

    /** One step verdict of a judgement. */
    @JsonPropertyOrder({"index", "verdict", "reason"})
    public record VerdictLine(@JsonProperty("index") int index,
                              @JsonProperty("verdict") String verdict,
                              @JsonProperty("reason") String reason) {
    }

    /**
     * localized.jsonl: the judge's verdict on one wrong answer; {@code first_error_step} is 0-based
     * (the step marked "Step k:" has index k − 1), null when the judge found no wrong step or was undecided.
     */
    @JsonPropertyOrder({"problem_id", "problem_index", "sample_index", "judge", "first_error_step", "undecided", "verdicts"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LocalizedLine(@JsonProperty("problem_id") String problemId,
                                @JsonProperty("problem_index") int problemIndex,
                                @JsonProperty("sample_index") int sampleIndex,
                                @JsonProperty("judge") String judge,
                                @JsonProperty("first_error_step") Integer firstErrorStep,
                                @JsonProperty("undecided") String undecided,
                                @JsonProperty("verdicts") List<VerdictLine> verdicts) {
    }

    /** rectifications.jsonl: one continuation from the prefix before the first wrong step, graded. */
    @JsonPropertyOrder({"problem_id", "problem_index", "sample_index", "step_index", "continuation_index", "seed",
            "continuation", "finish_reason", "extracted", "correct"})
    public record RectificationLine(@JsonProperty("problem_id") String problemId,
                                    @JsonProperty("problem_index") int problemIndex,
                                    @JsonProperty("sample_index") int sampleIndex,
                                    @JsonProperty("step_index") int stepIndex,
                                    @JsonProperty("continuation_index") int continuationIndex,
                                    @JsonProperty("seed") long seed,
                                    @JsonProperty("continuation") String continuation,
                                    @JsonProperty("finish_reason") String finishReason,
                                    @JsonProperty("extracted") String extracted,
                                    @JsonProperty("correct") boolean correct) {
    }
}
