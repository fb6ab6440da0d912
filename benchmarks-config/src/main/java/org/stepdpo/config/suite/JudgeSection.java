package org.stepdpo.config.suite;

import static org.stepdpo.config.suite.Range.FRACTION;
import static org.stepdpo.config.suite.Range.POSITIVE;

import java.util.List;

/**
 * Step localization: which judge names the first wrong step of a wrong answer ({@code judge:}).
 *
 * @param kind          {@code verifier} (default; the arith task's exact checker), {@code rollout} (continuations
 *                      by the policy) or {@code llm} (a chat model behind an OpenAI-compatible endpoint)
 * @param rollouts      rollout: continuations per step prefix (default 8)
 * @param threshold     rollout: a step is wrong when at most this share of its continuations reach the right
 *                      answer (default 0)
 * @param url           llm: base URL of the endpoint, e.g. {@code http://127.0.0.1:8000/v1}
 * @param model         llm: the model name the endpoint serves
 * @param apiKeyEnv     llm: the environment variable holding the key (default: {@code STEPDPO_JUDGE_API_KEY},
 *                      then {@code OPENAI_API_KEY}); the key itself is never written anywhere
 * @param concurrency   llm: requests in flight (default 8)
 * @param maxTokens     llm: longest verdict (default 1024)
 * @param showReference llm: show the judge the reference answer (default true)
 */
public record JudgeSection(String kind, @Bound(POSITIVE) int rollouts, @Bound(FRACTION) double threshold,
                           String url, String model, String apiKeyEnv, @Bound(POSITIVE) int concurrency,
                           @Bound(POSITIVE) int maxTokens, boolean showReference) {

    public static final List<String> KINDS = List.of("verifier", "rollout", "llm");

    public static final JudgeSection DEFAULTS = new JudgeSection("verifier", 8, 0.0, null, null, null, 8, 1024, true);

    public JudgeSection {
        if (kind != null && !KINDS.contains(kind)) {
            throw new IllegalArgumentException("\"judge.kind\" must be one of " + KINDS + ", got \"" + kind + "\"");
        }
    }
}
