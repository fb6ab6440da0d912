package org.stepdpo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's paired comparisons and error mix, read from evaluation results as the demo writes them. */
class PairedComparisonTest {

    @TempDir
    Path dir;

    private Path results(String name, String... lines) throws IOException {
        Path f = dir.resolve(name + ".jsonl");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    void countsTheDiscordantProblemsAndTestsThem() throws IOException {
        // a right on p1..p6, b right on p1 and p7: only-a = 5 (p2..p6), only-b = 1 (p7)
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            a.append("{\"id\":\"p").append(i).append("\",\"steps\":3,\"judged\":true,\"correct\":").append(i <= 6).append("}\n");
            b.append("{\"id\":\"p").append(i).append("\",\"steps\":3,\"judged\":true,\"correct\":").append(i == 1 || i == 7).append("}\n");
        }
        PairedComparison c = PairedComparison.of("a", results("a", a.toString().strip()), "b",
                results("b", b.toString().strip()));
        assertThat(c.n()).isEqualTo(8);
        assertThat(c.onlyA()).isEqualTo(5);
        assertThat(c.onlyB()).isEqualTo(1);
        // exact: 2 * P(X <= 1), X ~ Bin(6, 1/2) = 2 * 7/64 = 0.21875
        assertThat(c.pValue()).isCloseTo(0.21875, within(1e-12));
    }

    @Test
    void differentProblemsAreRefused() throws IOException {
        assertThatThrownBy(() -> PairedComparison.of("a", results("a", "{\"id\":\"p1\",\"steps\":3,\"judged\":true,\"correct\":true}"), "b",
                results("b", "{\"id\":\"p2\",\"steps\":3,\"judged\":true,\"correct\":true}"))).hasMessageContaining("different problems");
    }

    @Test
    void errorMixCountsFirstWrongStepsByKind() throws IOException {
        ErrorMix mix = ErrorMix.read(results("r",
                "{\"id\":\"1\",\"steps\":3,\"judged\":true,\"correct\":true,\"first_error_reason\":null}",
                "{\"id\":\"2\",\"steps\":3,\"judged\":true,\"correct\":false,\"first_error_reason\":\"arithmetic: 3 + 4 is 7, not 8\"}",
                "{\"id\":\"3\",\"steps\":3,\"judged\":true,\"correct\":false,\"first_error_reason\":\"wrong operation: applies + 5, but ...\"}",
                "{\"id\":\"4\",\"steps\":3,\"judged\":true,\"correct\":false,\"first_error_reason\":\"wrong operation: applies - 2, but ...\"}",
                "{\"id\":\"5\",\"steps\":3,\"judged\":true,\"correct\":false,\"first_error_reason\":null}",
                "{\"id\":\"6\",\"steps\":3,\"judged\":true,\"correct\":true,\"first_error_reason\":\"arithmetic: right by luck\"}"));
        assertThat(mix.wrong()).isEqualTo(4);
        assertThat(mix.byKind()).containsEntry("arithmetic", 1).containsEntry("wrong operation", 2)
                .containsEntry("none", 1).hasSize(3);
        assertThat(mix.share(org.stepdpo.data.arith.ArithStepVerifier.ErrorKind.WRONG_OPERATION)).isEqualTo(0.5);
    }
}
