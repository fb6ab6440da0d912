package org.stepdpo.demo;

import java.util.function.UnaryOperator;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.config.Suite;
import org.stepdpo.config.suite.JudgeSection;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.generation.OpenAiEndpoints;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.judges.JudgeChoice;
import org.stepdpo.judges.JudgeInput;
import org.stepdpo.judges.Judgement;
import org.stepdpo.judges.StepJudge;

/**
 * The suite's {@code judge} section as the data loop's step judge:
 * <ul>
 *   <li>{@code kind: verifier} - the arith task's exact verifier;</li>
 *   <li>{@code kind: rollout} - {@code rollouts} continuations per step prefix with the policy, a step is wrong
 *       when at most {@code threshold} of them reach the right answer (defaults 8 and 0, as {@code pipeline});</li>
 *   <li>{@code kind: llm} - a chat model at {@code url}, one URL or several servers of the same model separated by
 *       commas, each request going to the least loaded healthy one ({@code model}, {@code concurrency} 8 per
 *       server, {@code max_tokens}
 *       1024, {@code show_reference} true); its key is read from the environment variable {@code api_key_env}
 *       (default {@code STEPDPO_JUDGE_API_KEY}, then {@code OPENAI_API_KEY}) and never written anywhere.</li>
 * </ul>
 */
final class SuiteJudge {

    private SuiteJudge() {
    }

    static JudgeChoice choice(Suite suite, SamplingSettings rolloutSampling, UnaryOperator<String> environment) {
        JudgeSection v = suite.judge();
        return switch (v.kind()) {
            case "verifier" -> new JudgeChoice.Verifier();
            case "rollout" -> new JudgeChoice.Rollout(v.rollouts(), v.threshold(), rolloutSampling);
            case "llm" -> {
                String url = v.url();
                String model = v.model();
                if (url == null || model == null) {
                    throw new IllegalArgumentException("suite " + suite.name() + ": judge.kind llm needs judge.url and "
                            + "judge.model");
                }
                OpenAiEndpoints servers = SuiteServers.of(suite, "judge", url, model, v.apiKeyEnv(), v.concurrency(),
                        environment, "STEPDPO_JUDGE_API_KEY", "OPENAI_API_KEY");
                yield new JudgeChoice.Llm(servers, v.showReference(), 2, v.maxTokens());
            }
            default -> throw new IllegalArgumentException("suite " + suite.name() + ": judge.kind must be one of "
                    + JudgeSection.KINDS + ", got \"" + v.kind() + "\"");
        };
    }

    /**
     * The judge of the test evaluations, which name the first wrong step of each greedy answer: the loop's own
     * verifier or llm judge. The rollout judge needs the policy being evaluated and m continuations per step, so
     * evaluations under it grade final answers only and leave steps unjudged (no per-step metrics).
     */
    static StepJudge forEvaluation(JudgeChoice choice, DatasetAdapter adapter, PromptTemplate template) {
        if (choice instanceof JudgeChoice.Rollout) {
            return new StepJudge() {
                @Override
                public String name() {
                    return "none";
                }

                @Override
                public Judgement firstError(JudgeInput input) {
                    return Judgement.undecided("steps are not judged in evaluation under the rollout judge");
                }
            };
        }
        return choice.create(null, adapter, template);
    }
}
