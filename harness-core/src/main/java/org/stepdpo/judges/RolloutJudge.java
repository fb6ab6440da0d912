package org.stepdpo.judges;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.data.Problem;
import org.stepdpo.generation.GeneratedText;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.generation.Seeds;

/**
 * Monte Carlo step localization with the policy itself (as in Math-Shepherd): from the prefix that ends
 * with step i, sample {@code rollouts} continuations and grade their final answers. Step i is the first
 * wrong one when the share of rollouts that still reach the right answer is at most {@code threshold}
 * (default 0: none of them does) — the step has made the problem unsolvable for the policy.
 *
 * <p>The last step already holds the final answer, so it is judged by grading the solution itself.
 * Every step's rollouts are drawn in one batch per call of {@link #firstErrors}; that costs up to
 * (steps − 1) · rollouts completions per solution but keeps the native engine's batches full.
 */
public final class RolloutJudge implements StepJudge {

    private final Generator policy;
    private final PromptTemplate template;
    private final BiPredicate<Problem, String> isRight;
    private final int rollouts;
    private final double threshold;
    private final SamplingSettings sampling;

    /**
     * @param isRight   whether a complete answer text is right for the problem (the adapter's grade)
     * @param rollouts  continuations per step prefix (m)
     * @param threshold a step is wrong when at most this share of its rollouts is right, in [0, 1)
     */
    public RolloutJudge(Generator policy, PromptTemplate template, BiPredicate<Problem, String> isRight, int rollouts,
                        double threshold, SamplingSettings sampling) {
        if (rollouts < 1) {
            throw new IllegalArgumentException("rollouts must be >= 1, got " + rollouts);
        }
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1), got " + threshold);
        }
        this.policy = policy;
        this.template = template;
        this.isRight = isRight;
        this.rollouts = rollouts;
        this.threshold = threshold;
        this.sampling = sampling;
    }

    @Override
    public String name() {
        return "rollout(m=" + rollouts + (threshold > 0 ? ",threshold=" + threshold : "") + ")";
    }

    @Override
    public Judgement firstError(JudgeInput input) {
        return firstErrors(List.of(input)).get(0);
    }

    @Override
    public List<Judgement> firstErrors(List<JudgeInput> inputs) {
        List<SampleRequest> requests = new ArrayList<>();
        for (JudgeInput input : inputs) {
            String prompt = template.prompt(input.problem().question());
            for (int i = 0; i + 1 < input.steps().size(); i++) {
                String prefix = prompt + input.response().substring(0, input.steps().get(i).end());
                for (int r = 0; r < rollouts; r++) {
                    requests.add(new SampleRequest(prefix, Seeds.derive(input.seed(), "rollout", i, r)));
                }
            }
        }
        List<GeneratedText> texts = policy.generate(requests, sampling);
        List<Judgement> out = new ArrayList<>(inputs.size());
        int next = 0;
        for (JudgeInput input : inputs) {
            int steps = input.steps().size();
            int[] right = new int[steps];
            for (int i = 0; i + 1 < steps; i++) {
                String prefix = input.response().substring(0, input.steps().get(i).end());
                for (int r = 0; r < rollouts; r++) {
                    if (isRight.test(input.problem(), prefix + texts.get(next++).text())) {
                        right[i]++;
                    }
                }
            }
            out.add(decide(input, right));
        }
        return out;
    }

    private Judgement decide(JudgeInput input, int[] right) {
        List<StepAssessment> assessments = new ArrayList<>();
        int steps = input.steps().size();
        for (int i = 0; i < steps; i++) {
            boolean last = i == steps - 1;
            double share;
            String reason;
            if (last) {
                share = isRight.test(input.problem(), input.response()) ? 1 : 0;
                reason = share > 0 ? "the final answer is right" : "the final answer is wrong";
            } else {
                share = right[i] / (double) rollouts;
                reason = right[i] + "/" + rollouts + " rollouts reach the right answer";
            }
            if (share <= threshold) {
                assessments.add(new StepAssessment(i, Verdict.INCORRECT, last ? reason : reason
                        + (threshold > 0 ? String.format(Locale.ROOT, " (at most %.2f)", threshold) : "")));
                return Judgement.firstErrorAt(i, assessments);
            }
            assessments.add(new StepAssessment(i, Verdict.CORRECT, reason));
        }
        return Judgement.allCorrect(assessments);
    }
}
