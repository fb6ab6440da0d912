package org.stepdpo.judges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stepdpo.config.PromptTemplates;
import org.stepdpo.data.Problem;
import org.stepdpo.generation.GeneratedText;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.SamplingSettings;

/** The verifier and rollout judges on hand-written solutions. */
class StepJudgesTest {

    private static final Problem PROBLEM = new Problem("arith-3_+4_*6", 0, "Ann has 3 apples. She gets 4 more. "
            + "She ends up with 6 times as many. How many apples does Ann have now?", null, "42", Map.of("chain", "3 +4 *6"));

    @Test
    void verifierNamesTheFirstWrongStepWithItsReason() {
        Judgement j = new VerifierJudge().firstError(JudgeInput.of(PROBLEM,
                "Let's think step by step.\nStep 1: 3+4=7.\nStep 2: 7*6=43.\nThe answer is: 43", 0));
        assertThat(j.firstErrorIndex()).isEqualTo(1);
        assertThat(j.assessments()).extracting(StepAssessment::verdict).containsExactly(Verdict.CORRECT, Verdict.INCORRECT);
        assertThat(j.assessments().get(1).reason()).contains("42");
        assertThat(new VerifierJudge().firstError(JudgeInput.of(PROBLEM,
                "Let's think step by step.\nStep 1: 3+4=7.\nStep 2: 7*6=42.\nThe answer is: 42", 0)).hasError()).isFalse();
        Problem noChain = new Problem("g", 0, "q", null, "1", Map.of());
        assertThatThrownBy(() -> new VerifierJudge().firstError(JudgeInput.of(noChain, "Step 1: x", 0)))
                .hasMessageContaining("no \"chain\"");
    }

    /** A policy whose continuations are scripted by the prefix they continue. */
    private record ScriptedPolicy(Map<String, List<String>> byPrefixEnd, List<SampleRequest> seen) implements Generator {
        @Override
        public String modelName() {
            return "scripted";
        }

        @Override
        public List<GeneratedText> generate(List<SampleRequest> requests, SamplingSettings sampling) {
            seen.addAll(requests);
            List<GeneratedText> out = new ArrayList<>();
            for (SampleRequest r : requests) {
                String key = byPrefixEnd.keySet().stream().filter(r.prompt()::endsWith).findFirst().orElseThrow();
                List<String> options = byPrefixEnd.get(key);
                out.add(new GeneratedText(options.get((int) Math.floorMod(r.seed(), (long) options.size())), "eos"));
            }
            return out;
        }
    }

    @Test
    void rolloutJudgeMarksTheFirstStepAfterWhichTooFewRolloutsReachTheAnswer() {
        String response = "Let's think step by step.\nStep 1: 3+4=7.\nStep 2: 7*5=35.\nStep 3: 35+7=42.\nThe answer is: 42x";
        ScriptedPolicy policy = new ScriptedPolicy(Map.of(
                "Step 1: 3+4=7.", List.of("\nStep 2: 7*6=42.\nThe answer is: 42", "\nThe answer is: 41"),
                "Step 2: 7*5=35.", List.of("\nThe answer is: 35", "\nStep 3: 35+7=42.\nThe answer is: 42")),
                new ArrayList<>());
        RolloutJudge strict = new RolloutJudge(policy, PromptTemplates.builtin().get("step"),
                (p, text) -> text.strip().endsWith("The answer is: 42"), 8, 0, SamplingSettings.paper(50));
        JudgeInput input = JudgeInput.of(PROBLEM, response, 11);
        Judgement j = strict.firstError(input);
        // Steps 1 and 2 can still reach 42 in some rollouts; the last step's own answer ("42x") is wrong.
        assertThat(j.firstErrorIndex()).isEqualTo(2);
        assertThat(j.assessments().get(0).reason()).matches("\\d/8 rollouts reach the right answer");
        assertThat(policy.seen()).hasSize(16);
        assertThat(policy.seen().get(0).prompt()).isEqualTo("Question: " + PROBLEM.question()
                + "\nAnswer: Let's think step by step.\nStep 1: 3+4=7.");

        // With a threshold of 0.9 a step whose rollouts are right only some of the time already counts as wrong.
        RolloutJudge lenient = new RolloutJudge(policy, PromptTemplates.builtin().get("step"),
                (p, text) -> text.strip().endsWith("The answer is: 42"), 8, 0.9, SamplingSettings.paper(50));
        assertThat(lenient.firstError(input).firstErrorIndex()).isZero();
        assertThat(lenient.name()).isEqualTo("rollout(m=8,threshold=0.9)");
        // The same seed gives the same rollouts, so the same verdicts.
        assertThat(strict.firstError(input)).isEqualTo(j);
    }
}
