package org.stepdpo.evaluation;

import java.util.List;
import org.stepdpo.data.Problem;
import org.stepdpo.steps.Step;

/**
 * One graded completion.
 *
 * @param problem    the problem it answers
 * @param sample     0-based number of this completion among the problem's completions
 * @param completion the completion text
 * @param extracted  the final answer found in it, or null
 * @param correct    the grader's verdict
 * @param reason     how the grader reached the verdict
 * @param steps      the completion's reasoning steps
 */
public record SampleResult(Problem problem, int sample, String completion, String extracted,
                           boolean correct, String reason, List<Step> steps) {
    public SampleResult {
        steps = List.copyOf(steps);
    }
}
