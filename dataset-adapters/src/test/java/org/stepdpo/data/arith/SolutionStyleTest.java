package org.stepdpo.data.arith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.Problem;

class SolutionStyleTest {

    private static final Map<String, String> MIXED = Map.of("n", "400", "min_steps", "3", "max_steps", "3",
            "max_operand", "20", "max_value", "99", "ops", "+-", "verbs", "gets,finds,gives_away,loses");
    private final ArithStepVerifier verifier = new ArithStepVerifier();

    private static List<Problem> load(String split, Map<String, String> options) {
        return new ArithAdapter().load(Path.of(split), new LoadOptions(false, options)).problems();
    }

    /** The text after each "Step k:" marker (the last one keeps the answer line), as the step segmenter gives it. */
    private static List<String> bodies(String solution) {
        String[] parts = solution.split("\\nStep \\d+: ");
        return java.util.Arrays.asList(parts).subList(1, parts.length);
    }

    @Test
    void goldStyleWritesTheReferenceSolution() {
        for (Problem p : load("train", MIXED)) {
            assertThat(SolutionStyle.gold().write(p, new Random(1))).isEqualTo(p.referenceSolution());
        }
    }

    @Test
    void mixedVerbsWordTheStoryAndKeepTheChain() {
        List<Problem> problems = load("train", MIXED);
        long loses = problems.stream().filter(p -> p.question().contains(" loses ")).count();
        long givesAway = problems.stream().filter(p -> p.question().contains(" gives away ")).count();
        long finds = problems.stream().filter(p -> p.question().contains(" finds ")).count();
        assertThat(loses).isGreaterThan(100);
        assertThat(givesAway).isGreaterThan(100);
        assertThat(finds).isGreaterThan(100);
        // the plain task is the same as before: one verb per operation, no extra random draws
        assertThat(load("train", Map.of("n", "3")).get(0).question()).doesNotContain("loses").doesNotContain("finds");
    }

    @Test
    void theMisconceptionChangesOnlyItsVerbsStepsAtItsRateAndTheVerifierCatchesEachOne() {
        SolutionStyle style = new SolutionStyle(List.of(StepWording.COMPACT),
                SolutionStyle.Misconception.parse("loses=add", 0.6));
        Random random = new Random(7);
        int losesSteps = 0;
        int wrong = 0;
        for (Problem p : load("train", MIXED)) {
            String sft = style.write(p, random);
            List<Verb> verbs = Verb.parseAll(p.metadata().get("verbs"));
            ArithStepVerifier.Verification v = verifier.verify(Chain.parse(p.metadata().get("chain")),
                    bodies(sft));
            int firstLoses = verbs.indexOf(Verb.LOSES);
            losesSteps += (int) verbs.stream().filter(x -> x == Verb.LOSES).count();
            if (v.allCorrect()) {
                assertThat(sft).isEqualTo(p.referenceSolution());
            } else {
                wrong++;
                // the first error is always a "loses" step worked as an addition, never anything else
                assertThat(verbs.get(v.firstError())).isEqualTo(Verb.LOSES);
                assertThat(v.firstErrorKind()).isEqualTo(ArithStepVerifier.ErrorKind.WRONG_OPERATION);
                assertThat(v.firstError()).isGreaterThanOrEqualTo(firstLoses);
            }
        }
        assertThat(losesSteps).isGreaterThan(200);
        assertThat(wrong).isGreaterThan(0);
    }

    @Test
    void theRateIsTheShareOfMisconceivedSteps() {
        Chain chain = Chain.parse("50 -3 -4 -5");
        List<Verb> verbs = List.of(Verb.LOSES, Verb.LOSES, Verb.LOSES);
        SolutionStyle style = new SolutionStyle(List.of(StepWording.COMPACT),
                SolutionStyle.Misconception.parse("loses=+", 0.6));
        Random random = new Random(3);
        int added = 0;
        for (int i = 0; i < 2000; i++) {
            String s = style.write(chain, verbs, random);
            added += (int) s.lines().filter(l -> l.matches("Step \\d: \\d+\\+\\d+=\\d+\\.")).count();
        }
        assertThat(added / 6000.0).isBetween(0.57, 0.63);
        assertThat(new SolutionStyle(List.of(StepWording.COMPACT), SolutionStyle.Misconception.parse("loses=add", 0))
                .write(chain, verbs, random)).isEqualTo(SolutionStyle.gold().write(chain, verbs, random));
        assertThat(new SolutionStyle(List.of(StepWording.COMPACT), SolutionStyle.Misconception.parse("loses=add", 1))
                .write(chain, verbs, random)).contains("50+3=53", "53+4=57", "57+5=62", "The answer is: 62");
    }

    @Test
    void variedWordingUsesEveryWordingAndStaysCorrect() {
        SolutionStyle style = new SolutionStyle(SolutionStyle.parseWordings("compact, spaced,words"), null);
        Random random = new Random(5);
        String all = "";
        for (Problem p : load("train", MIXED).subList(0, 50)) {
            String s = style.write(p, random);
            all += s;
            assertThat(verifier.verify(Chain.parse(p.metadata().get("chain")), bodies(s)).allCorrect()).isTrue();
            assertThat(s).endsWith("The answer is: " + p.referenceAnswer());
        }
        assertThat(all).contains(" = ").contains("Take ").containsPattern("\\d[-+]\\d+=");
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> SolutionStyle.Misconception.parse("loses=sub", 0.5)).hasMessageContaining("already");
        assertThatThrownBy(() -> SolutionStyle.Misconception.parse("loses", 0.5)).hasMessageContaining("VERB=OP");
        assertThatThrownBy(() -> SolutionStyle.Misconception.parse("drops=add", 0.5)).hasMessageContaining("unknown verb");
        assertThatThrownBy(() -> SolutionStyle.parseWordings("compact,fancy")).hasMessageContaining("fancy");
        assertThatThrownBy(() -> SolutionStyle.Misconception.parse("loses=add", 1.5)).hasMessageContaining("rate");
    }
}
