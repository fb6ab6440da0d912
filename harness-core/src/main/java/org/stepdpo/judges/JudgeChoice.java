package org.stepdpo.judges;

import org.stepdpo.config.PromptTemplate;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.OpenAiEndpoints;
import org.stepdpo.generation.SamplingSettings;

/** Which step judge a pipeline uses, with its options; {@link #create} builds it. */
public sealed interface JudgeChoice {

    /** The arith task's programmatic verifier. */
    record Verifier() implements JudgeChoice {
    }

    /**
     * Monte Carlo rollouts with the policy (see {@link RolloutJudge}).
     *
     * @param rollouts  continuations per step prefix (m)
     * @param threshold a step is wrong when at most this share of its rollouts reaches the right answer
     * @param sampling  how rollouts are sampled
     */
    record Rollout(int rollouts, double threshold, SamplingSettings sampling) implements JudgeChoice {
    }

    /**
     * A chat model over an OpenAI-compatible API (see {@link LlmJudge}).
     *
     * @param endpoints           URLs (one or more servers of the same model), key, model, concurrency and retries
     * @param showReferenceAnswer give the judge the reference answer
     * @param parseRetries        re-asks after an unusable reply
     * @param maxTokens           longest reply
     */
    record Llm(OpenAiEndpoints endpoints, boolean showReferenceAnswer, int parseRetries, int maxTokens) implements JudgeChoice {
    }

    /** The judge; {@code policy}, {@code adapter} and {@code template} serve the rollout judge. */
    default StepJudge create(Generator policy, DatasetAdapter adapter, PromptTemplate template) {
        if (this instanceof Verifier) {
            return new VerifierJudge();
        }
        if (this instanceof Rollout r) {
            return new RolloutJudge(policy, template, (problem, text) -> adapter.grade(problem, text).correct(),
                    r.rollouts(), r.threshold(), r.sampling());
        }
        Llm l = (Llm) this;
        return new LlmJudge(l.endpoints(), l.showReferenceAnswer(), l.parseRetries(), l.maxTokens());
    }
}
