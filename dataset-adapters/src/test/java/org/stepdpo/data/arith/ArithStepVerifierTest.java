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
                .isEqualTo("applies + 8, but the problem's next operation is + 7");
        assertThat(verifier.verify(chain, List.of("12 + 7 = 19.", "18 - 5 = 13.")).checks().get(1).reason())
                .isEqualTo("starts from 18, but the running value is 19");
        assertThat(verifier.verify(chain, List.of("12 * 7 = 84.")).firstError()).isZero();
    }

    @Test
    void earlyAnswerTooManyStepsAndNoEquationAreErrors() {
        assertThat(verifier.verify(chain, List.of("12 + 7 = 19.\nThe answer is: 19")).checks().get(0).reason())
                .isEqualTo("gives the final answer after 1 of 3 operations");
        assertThat(verifier.verify(chain, List.of("12 + 7 = 19.", "19 - 5 = 14.")).firstError()).isEqualTo(1);
        assertThat(verifier.verify(chain,
                List.of("12 + 7 = 19.", "19 - 5 = 14.", "14 * 2 = 28.", "28 + 1 = 29.")).firstError()).isEqualTo(3);
        assertThat(verifier.verify(chain, List.of("we add them")).checks().get(0).reason())
                .startsWith("no equation");
        assertThat(verifier.verify(chain, List.of("12 + 7 = 19.", "19 - 5 = 14.", "14 * 2 = 28.\nThe answer is: 27"))
                .firstError()).isEqualTo(2);
    }

    @Test
    void noStepsMeansNothingToBlame() {
        assertThat(verifier.verify(chain, List.of()).firstError()).isEqualTo(-1);
    }
}
