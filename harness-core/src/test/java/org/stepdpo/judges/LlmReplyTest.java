package org.stepdpo.judges;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading judges' replies in the shapes chat models actually produce. */
class LlmReplyTest {

    private static Judgement judge(String reply, int steps) {
        return LlmJudge.interpret(LlmReply.parse(reply), steps);
    }

    @Test
    void numberedLinesInPlainAndMarkdownForms() {
        assertThat(judge("Step 1: correct - fine\nStep 2: neutral - restates\nStep 3: incorrect - 7*6 is 42", 4)
                .firstErrorIndex()).isEqualTo(2);
        assertThat(judge("**Step 1**: Correct.\n**Step 2** — **Incorrect**: sign error", 3).firstErrorIndex()).isEqualTo(1);
        assertThat(judge("## Step 1\n1. correct: ok\n2) Wrong, the product is off", 3).firstErrorIndex()).isEqualTo(1);
        assertThat(judge("- Step 1: right\n- Step 2: not correct", 2).firstErrorIndex()).isEqualTo(1);
        assertThat(judge("| Step | Verdict |\n|---|---|\n| 1 | correct |\n| 2 | incorrect |", 2).firstErrorIndex()).isEqualTo(1);
        Judgement reasons = judge("Step 1: correct - adds the apples\nStep 2: incorrect — 7 * 6 = 42, not 43", 2);
        assertThat(reasons.assessments()).extracting(StepAssessment::reason)
                .containsExactly("adds the apples", "7 * 6 = 42, not 43");
    }

    @Test
    void theVerdictMustLeadTheLineSoThatReasonsDoNotCount() {
        // "correct" appears only inside the explanation of an unlabelled line: no verdict there.
        assertThat(LlmReply.parse("Step 1 computes the correct total").verdicts()).isEmpty();
        assertThat(judge("Step 1: correct, although step 2 is incorrect\nStep 2: incorrect", 2).firstErrorIndex()).isEqualTo(1);
    }

    @Test
    void jsonInAllItsUsualShapes() {
        assertThat(judge("[{\"step\": 1, \"verdict\": \"correct\"}, {\"step\": 2, \"verdict\": \"incorrect\", \"reason\": \"r\"}]", 3)
                .firstErrorIndex()).isEqualTo(1);
        assertThat(judge("```json\n{\"verdicts\": [\"correct\", \"neutral\", \"incorrect\"]}\n```", 3).firstErrorIndex()).isEqualTo(2);
        assertThat(judge("{\"Step 1\": \"correct\", \"Step 2\": {\"verdict\": \"incorrect\"}}", 2).firstErrorIndex()).isEqualTo(1);
        assertThat(judge("{\"first_incorrect_step\": 3, \"reason\": \"bad\"}", 4).firstErrorIndex()).isEqualTo(2);
        Judgement none = judge("{\"first_incorrect_step\": -1}", 4);
        assertThat(none.decided()).isTrue();
        assertThat(none.hasError()).isFalse();
    }

    @Test
    void noIncorrectStepMeansAllCorrectOnlyWhenTheReplySaysSoOrCoversEveryStep() {
        assertThat(judge("Step 1: correct\nStep 2: correct", 2).decided()).isTrue();
        assertThat(judge("Step 1: correct\nAll steps are correct.", 3).decided()).isTrue();
        assertThat(judge("Step 1: correct", 3)).as("stopped early without naming a wrong step").isNull();
        assertThat(judge("I cannot tell.", 3)).isNull();
        assertThat(judge("Step 7: incorrect", 3)).as("a step the solution does not have").isNull();
    }
}
