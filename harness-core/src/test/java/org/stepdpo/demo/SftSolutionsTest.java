package org.stepdpo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.config.Suite;
import org.stepdpo.config.Suites;
import org.stepdpo.data.Problem;
import org.stepdpo.data.arith.ArithStepVerifier;
import org.stepdpo.data.arith.Chain;
import org.stepdpo.data.arith.Verb;

/** The misconception and wording options change the SFT data and nothing else. */
class SftSolutionsTest {

    @TempDir
    Path dir;

    private Suite suite(String sft) throws IOException {
        Path file = dir.resolve("s" + Math.abs(sft.hashCode()) + ".yaml");
        Files.writeString(file, """
                name: t
                dataset:
                  adapter: arith
                  train: train
                  test: test
                  train_options: {n: "300", min_steps: "3", max_steps: "3", max_operand: "20", max_value: "99", ops: "+-", verbs: "gets,finds,gives_away,loses"}
                  test_options: {n: "100", min_steps: "3", max_steps: "3", max_operand: "20", max_value: "99", ops: "+-", verbs: "gets,finds,gives_away,loses"}
                template: step
                model:
                  init: {hidden: "32"}
                  sft: {%s}
                """.formatted(sft));
        return Suites.read(file);
    }

    @Test
    void theMisconceptionChangesSftDataOnlyAndOnlyItsVerbsSteps() throws IOException {
        Suite control = suite("steps: \"10\"");
        Suite taught = suite("steps: \"10\", misconception: \"loses=add\", misconception_rate: \"0.6\"");
        // problems, gold solutions and answers of both splits: identical
        for (boolean train : List.of(true, false)) {
            List<Problem> a = DemoData.load(train ? DemoData.train(control, 3) : DemoData.test(control, 3));
            List<Problem> b = DemoData.load(train ? DemoData.train(taught, 3) : DemoData.test(taught, 3));
            assertThat(b).isEqualTo(a);
        }
        List<Problem> problems = DemoData.load(DemoData.train(taught, 3));
        List<String> gold = SftSolutions.write(control, problems, 3);
        List<String> sft = SftSolutions.write(taught, problems, 3);
        int changed = 0;
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            assertThat(gold.get(i)).isEqualTo(p.referenceSolution());
            if (sft.get(i).equals(gold.get(i))) {
                continue;
            }
            changed++;
            String[] bodies = sft.get(i).split("\\nStep \\d+: ");
            ArithStepVerifier.Verification v = new ArithStepVerifier().verify(Chain.parse(p.metadata().get("chain")),
                    List.of(bodies).subList(1, bodies.length));
            assertThat(Verb.parseAll(p.metadata().get("verbs")).get(v.firstError())).isEqualTo(Verb.LOSES);
            assertThat(v.firstErrorKind()).isEqualTo(ArithStepVerifier.ErrorKind.WRONG_OPERATION);
        }
        long withLoses = problems.stream().filter(p -> p.question().contains(" loses ")).count();
        assertThat(changed).isGreaterThan((int) (0.4 * withLoses)).isLessThanOrEqualTo((int) withLoses);
        // rate 0 is the control: the gold solutions
        assertThat(SftSolutions.write(suite("misconception: \"loses=add\", misconception_rate: \"0\""), problems, 3))
                .isEqualTo(gold);
    }

    @Test
    void aStyleOnAnotherTaskOrARateWithoutMisconceptionIsRefused() throws IOException {
        assertThatThrownBy(() -> SftSolutions.style(suite("misconception_rate: \"0.5\"")))
                .hasMessageContaining("model.sft.misconception");
        assertThatThrownBy(() -> SftSolutions.style(suite("wording: \"compact,poetic\"")))
                .hasMessageContaining("poetic");
    }
}
