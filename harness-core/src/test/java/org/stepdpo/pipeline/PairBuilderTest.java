package org.stepdpo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pair builder's rules: first-step extraction, dedupe, chosen == rejected, limits, length. */
class PairBuilderTest {

    private static PairBuilder.ErrorCase error(String problem, String prefix, String rejected, String... continuations) {
        return new PairBuilder.ErrorCase("arith", problem, "Q " + problem, "42", 1, prefix, rejected,
                rejected + "\nStep 3: 1 + 1 = 2.\nThe answer is: 2", "verifier", "m", List.of(continuations));
    }

    private static final String PREFIX = "Let's think step by step.\nStep 1: 3 + 4 = 7.\nStep 2:";

    @Test
    void chosenIsTheContinuationsFirstStepWithItsLeadingSpaceAndFullChosenTheWholeContinuation() {
        PairBuilder.Result r = new PairBuilder(PairRules.defaults()).build(List.of(
                error("p1", PREFIX, " 7 * 2 = 15.", " 7 * 2 = 14.\nStep 3: 14 + 28 = 42.\nThe answer is: 42\n")));
        PreferencePair pair = r.pairs().get(0);
        assertThat(pair.chosen()).isEqualTo(" 7 * 2 = 14.");
        assertThat(pair.rejected()).isEqualTo(" 7 * 2 = 15.");
        assertThat(pair.fullChosen()).isEqualTo(" 7 * 2 = 14.\nStep 3: 14 + 28 = 42.\nThe answer is: 42");
        assertThat(pair.initialReasonSteps()).isEqualTo(PREFIX);
        assertThat(pair.stepIndex()).isEqualTo(1);
        assertThat(pair.dataset()).isEqualTo("arith");
        assertThat(pair.problemId()).isEqualTo("p1");
    }

    @Test
    void lastStepContinuationKeepsItsAnswerLineAndParagraphContinuationsStopAtABlankLine() {
        assertThat(PairBuilder.firstStep(" 40 + 2 = 42.\nThe answer is: 42")).isEqualTo(" 40 + 2 = 42.\nThe answer is: 42");
        assertThat(PairBuilder.firstStep("\nWe add.\n\nThen we multiply.")).isEqualTo("\nWe add.");
        assertThat(PairBuilder.firstStep(" a\n**Step 3:** b")).isEqualTo(" a");
    }

    @Test
    void duplicatesUpToWhiteSpaceAreDroppedWithinAndAcrossErrorsOfTheSameProblem() {
        PairRules rules = new PairRules(true, true, 0, 0, 0, 0);
        PairBuilder.Result r = new PairBuilder(rules).build(List.of(
                error("p1", PREFIX, " 7 * 2 = 15.", " 7 * 2 = 14.\nStep 3: x", " 7  *  2 = 14. \nStep 3: y", " 7 * 2 = 14"),
                error("p1", PREFIX, " 7 * 2 = 15.", "  7 * 2 = 14.\nStep 3: z"),
                error("p2", PREFIX, " 7 * 2 = 15.", " 7 * 2 = 14.\nStep 3: x")));
        assertThat(r.pairs()).extracting(PreferencePair::problemId, PreferencePair::chosen)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", " 7 * 2 = 14."),
                        org.assertj.core.groups.Tuple.tuple("p1", " 7 * 2 = 14"),
                        org.assertj.core.groups.Tuple.tuple("p2", " 7 * 2 = 14."));
        assertThat(r.dropped().get(PairBuilder.DropReason.DUPLICATE)).isEqualTo(2);

        PairBuilder.Result kept = new PairBuilder(new PairRules(false, true, 0, 0, 0, 0)).build(List.of(
                error("p1", PREFIX, " 7 * 2 = 15.", " 7 * 2 = 14.", " 7 * 2 = 14.")));
        assertThat(kept.pairs()).hasSize(2);
    }

    @Test
    void chosenEqualToRejectedAndEmptyChosenAreDropped() {
        PairBuilder.Result r = new PairBuilder(new PairRules(true, true, 0, 0, 0, 0)).build(List.of(
                error("p1", PREFIX, " 7 * 2 = 14.", " 7 *  2 = 14.\nStep 3: 14 + 28 = 42.", "   \nStep 3: 14 + 28 = 42.")));
        assertThat(r.pairs()).isEmpty();
        assertThat(r.dropped().get(PairBuilder.DropReason.CHOSEN_EQUALS_REJECTED)).isEqualTo(1);
        assertThat(r.dropped().get(PairBuilder.DropReason.EMPTY_CHOSEN)).isEqualTo(1);

        PairBuilder.Result allowed = new PairBuilder(new PairRules(true, false, 0, 0, 0, 0)).build(List.of(
                error("p1", PREFIX, " 7 * 2 = 14.", " 7 * 2 = 14.")));
        assertThat(allowed.pairs()).hasSize(1);
    }

    @Test
    void perErrorAndPerProblemLimitsKeepTheEarliestContinuations() {
        PairBuilder.Result perError = new PairBuilder(new PairRules(true, true, 2, 0, 0, 0)).build(List.of(
                error("p1", PREFIX, " bad", " a", " b", " c"),
                error("p1", PREFIX + " x", " bad", " d", " e")));
        assertThat(perError.pairs()).extracting(PreferencePair::chosen).containsExactly(" a", " b", " d", " e");
        assertThat(perError.dropped().get(PairBuilder.DropReason.ERROR_LIMIT)).isEqualTo(1);

        PairBuilder.Result perProblem = new PairBuilder(new PairRules(true, true, 2, 3, 0, 0)).build(List.of(
                error("p1", PREFIX, " bad", " a", " b", " c"),
                error("p1", PREFIX + " x", " bad", " d", " e"),
                error("p2", PREFIX, " bad", " f")));
        assertThat(perProblem.pairs()).extracting(PreferencePair::chosen).containsExactly(" a", " b", " d", " f");
        assertThat(perProblem.dropped().get(PairBuilder.DropReason.PROBLEM_LIMIT)).isEqualTo(1);
        assertThat(perProblem.dropped().get(PairBuilder.DropReason.ERROR_LIMIT)).isEqualTo(1);
    }

    @Test
    void stepsLongerThanTheLimitDropThePairInsteadOfBeingCut() {
        PairBuilder.Result r = new PairBuilder(new PairRules(true, true, 0, 0, 10, 0)).build(List.of(
                error("p1", PREFIX, " short", " this one is far too long", " fine"),
                error("p2", PREFIX, " rejected is far too long", " ok")));
        assertThat(r.pairs()).extracting(PreferencePair::chosen).containsExactly(" fine");
        assertThat(r.dropped().get(PairBuilder.DropReason.TOO_LONG)).isEqualTo(2);
    }

    @Test
    void wholeAnswerPairsMatchDistinctRightAndWrongAnswersOneToOneUpToTheLimit() {
        WholeAnswerPairs.ProblemAnswers p = new WholeAnswerPairs.ProblemAnswers("arith", "p1", "Q", "42",
                List.of(" r1\n", " r1", " r2", " r3"), List.of(" w1", " w2"));
        List<PreferencePair> all = WholeAnswerPairs.build(List.of(p), "Let's think step by step.\nStep 1:", "m",
                PairRules.defaults());
        assertThat(all).extracting(PreferencePair::chosen, PreferencePair::rejected).containsExactly(
                org.assertj.core.groups.Tuple.tuple(" r1", " w1"), org.assertj.core.groups.Tuple.tuple(" r2", " w2"));
        assertThat(all.get(0).stepIndex()).isNull();
        assertThat(all.get(0).initialReasonSteps()).isEqualTo("Let's think step by step.\nStep 1:");
        assertThat(WholeAnswerPairs.build(List.of(p), "", "m", new PairRules(true, true, 1, 0, 0, 1))).hasSize(1);
    }
}
