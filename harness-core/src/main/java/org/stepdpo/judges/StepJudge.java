package org.stepdpo.judges;

import java.util.ArrayList;
import java.util.List;
import org.stepdpo.data.Problem;
import org.stepdpo.generation.EndpointTraffic;
import org.stepdpo.steps.Step;

/**
 * Step localization: the first wrong step of a solution, or none. Implementations: {@link VerifierJudge}
 * (programmatic, arith), {@link RolloutJudge} (Monte Carlo with the policy), {@link LlmJudge} (a chat model).
 */
public interface StepJudge extends AutoCloseable {

    /** Short name recorded with every verdict and pair, e.g. {@code verifier}, {@code rollout(m=8)}. */
    String name();

    Judgement firstError(JudgeInput input);

    /** The same for many solutions, in order; judges that can work in parallel or in batches override it. */
    default List<Judgement> firstErrors(List<JudgeInput> inputs) {
        List<Judgement> out = new ArrayList<>(inputs.size());
        inputs.forEach(input -> out.add(firstError(input)));
        return out;
    }

    /** Convenience for steps cut from some text: the steps' own texts, joined, become the response. */
    default Judgement firstError(Problem problem, List<Step> steps) {
        return firstError(JudgeInput.ofStepTexts(problem, steps.stream().map(Step::text).toList(), 0));
    }

    /** Requests per server so far, for judges that call servers of their own; empty for the others. */
    default EndpointTraffic traffic() {
        return EndpointTraffic.NONE;
    }

    @Override
    default void close() {
    }
}
