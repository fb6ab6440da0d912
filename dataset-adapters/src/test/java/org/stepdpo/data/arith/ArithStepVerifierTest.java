package org.stepdpo.data.arith;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArithStepVerifierTest {

    private final ArithStepVerifier verifier = new ArithStepVerifier();
    private final Chain chain = Chain.parse("12 +7 -5 *2");

    @Test
    void goldStepsAreAllCorrect() {
        ArithStepVerifier.Verification v = verifier.verify(chain,
                List.of("12 + 7 = 19.", "19 - 5 = 14.", "14 * 2 = 28.\nThe answer is: 28"));
        assertThat(v.allCorrect()).isTrue();
        assertThat(v.checks()).hasSize(3).allSatisfy(c -> assertThat(c.correct()).isTrue());
    }

    @Test
    void arithmeticSlipIsTheFirstError() {
        ArithStepVerifier.Verification v = verifier.verify(chain,
                List.of("12 + 7 = 19.", "19 - 5 = 13.", "13 * 2 = 26.\nThe answer is: 26"));
        assertThat(v.firstError()).isEqualTo(1);
        assertThat(v.checks().get(1).reason()).isEqualTo("arithmetic: 19 - 5 is 14, not 13");
        assertThat(v.checks()).hasSize(2);
    }

    @Test
    void wrongQuantityWrongCarryAndWrongOperationAreCaught() {
        assertThat(verifier.verify(chain, List.of("12 + 8 = 20.")).checks().get(0).reason())
                .isEqualTo("wrong quantity: applies + 8, but the problem's next operation is + 7");
        assertThat(verifier.verify(chain, List.of("12 + 7 = 19.", "18 - 5 = 13.")).checks().get(1).reason())
                .isEqualTo("wrong value: starts from 18, but the running value is 19");
        assertThat(verifier.verify(chain, List.of("12 * 7 = 84.")).firstError()).isZero();
    }

    @Test
    void earlyAnswerTooManyStepsAndNoEquationAreErrors() {
        assertThat(verifier.verify(chain, List.of("12 + 7 = 19.\nThe answer is: 19")).checks().get(0).reason())
                .isEqualTo("incomplete: gives the final answer after 1 of 3 operations");
        assertThat(verifier.verify(chain, List.of("12 + 7 = 19.", "19 - 5 = 14.")).firstError()).isEqualTo(1);
        assertThat(verifier.verify(chain,
                List.of("12 + 7 = 19.", "19 - 5 = 14.", "14 * 2 = 28.", "28 + 1 = 29.")).firstError()).isEqualTo(3);
        assertThat(verifier.verify(chain, List.of("we add them")).checks().get(0).reason())
                .startsWith("no arithmetic");
        assertThat(verifier.verify(chain, List.of("12 + 7 = 19.", "19 - 5 = 14.", "14 * 2 = 28.\nThe answer is: 27"))
                .firstError()).isEqualTo(2);
    }

    @Test
    void everyWordingOfARightStepIsAccepted() {
        for (StepWording w : StepWording.values()) {
            List<String> steps = List.of(w.write(12, Op.ADD, 7, 19) + ".", w.write(19, Op.SUB, 5, 14) + ".",
                    w.write(14, Op.MUL, 2, 28) + ".\nThe answer is: 28");
            assertThat(verifier.verify(chain, steps).allCorrect()).as(w + ": " + steps).isTrue();
        }
        assertThat(verifier.verify(chain, List.of("Add 7 to 12: 19.", "take 5 from 19 : 14.", "Multiply 14 by 2: 28.\n"
                + "The answer is: 28")).allCorrect()).isTrue();
    }

    @Test
    void aWrongOperationIsRejectedInEveryWording() {
        for (StepWording w : StepWording.values()) {
            // step 2 takes 5 away; adding it instead (right sum) is the misconception the toy teaches
            ArithStepVerifier.Verification v = verifier.verify(chain,
                    List.of(w.write(12, Op.ADD, 7, 19) + ".", w.write(19, Op.ADD, 5, 24) + "."));
            assertThat(v.firstError()).as(w.toString()).isEqualTo(1);
            assertThat(v.firstErrorKind()).isEqualTo(ArithStepVerifier.ErrorKind.WRONG_OPERATION);
            assertThat(v.checks().get(1).reason())
                    .isEqualTo("wrong operation: applies + 5, but the problem's next operation is - 5");
        }
    }

    @Test
    void aSlipIsArithmeticInEveryWordingAndTheKindReadsBackFromTheReason() {
        for (StepWording w : StepWording.values()) {
            ArithStepVerifier.Verification v = verifier.verify(chain, List.of(w.write(12, Op.ADD, 7, 20) + "."));
            assertThat(v.firstErrorKind()).as(w.toString()).isEqualTo(ArithStepVerifier.ErrorKind.ARITHMETIC);
            assertThat(ArithStepVerifier.ErrorKind.ofReason(v.checks().get(0).reason()))
                    .isEqualTo(ArithStepVerifier.ErrorKind.ARITHMETIC);
        }
        assertThat(ArithStepVerifier.ErrorKind.ofReason("the judge says no")).isNull();
    }

    @Test
    void theFirstStatementOfAStepCountsWhateverItsWording() {
        // "Take 5 from 19: 14" comes first; the equation after it is commentary
        assertThat(verifier.verify(chain, List.of("12+7=19.", "Take 5 from 19: 14, not 19+5=24.", "14*2=28.\n"
                + "The answer is: 28")).allCorrect()).isTrue();
        assertThat(verifier.verify(chain, List.of("12+7=19.", "19+5=24, i.e. Take 5 from 19: 14.")).firstErrorKind())
                .isEqualTo(ArithStepVerifier.ErrorKind.WRONG_OPERATION);
    }

    @Test
    void noStepsMeansNothingToBlame() {
        assertThat(verifier.verify(chain, List.of()).firstError()).isEqualTo(-1);
    }
}
