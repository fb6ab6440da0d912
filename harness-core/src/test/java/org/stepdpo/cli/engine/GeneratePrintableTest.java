package org.stepdpo.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratePrintableTest {

    @Test
    void controlCharactersAreWrittenOutLineBreaksAndTextStay() {
        assertThat(GenerateCommand.printable("a\u0007b\u001b[2Jc\r")).isEqualTo("a\\u0007b\\u001b[2Jc\\u000d");
        assertThat(GenerateCommand.printable("Step 1: 3 × 4 = 12\n\tso \\boxed{12} \uFFFD")).isEqualTo(
                "Step 1: 3 × 4 = 12\n\tso \\boxed{12} \uFFFD");
        assertThat(GenerateCommand.printable("x\u202Ey")).isEqualTo("x\\u202ey"); // a right-to-left override
    }
}
