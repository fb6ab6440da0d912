package org.stepdpo.data.arith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.DatasetException;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.Problem;

class ArithAdapterTest {

    private final DatasetAdapter adapter = DatasetAdapters.byName("arith");

    @Test
    void generatesSplitsWithStableIdsAndGoldSolutionsThatGradeRight() {
        List<Problem> test = adapter.load(Path.of("arith:test"), new LoadOptions(false, Map.of("n", "30", "seed", "5")))
                .problems();
        assertThat(test).hasSize(30);
        assertThat(adapter.load(Path.of("test"), new LoadOptions(false, Map.of("n", "30", "seed", "5"))).problems())
                .isEqualTo(test);
        for (Problem p : test) {
            assertThat(p.id()).startsWith("arith-");
            assertThat(p.metadata()).containsKeys("chain", "level");
            assertThat(adapter.grade(p, p.referenceSolution()).correct()).isTrue();
            assertThat(adapter.grade(p, p.referenceSolution().replaceFirst("The answer is: .*",
                    "The answer is: " + (Long.parseLong(p.referenceAnswer()) + 1))).correct()).isFalse();
        }
    }

    @Test
    void answerWithoutTheMarkerIsNotAccepted() {
        Problem p = adapter.load(Path.of("test"), new LoadOptions(false, Map.of("n", "1"))).problems().get(0);
        assertThat(adapter.grade(p, "Step 1: it is " + p.referenceAnswer()).correct()).isFalse();
    }

    @Test
    void readsItsJsonlFormAndNamesBadFields(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("arith.jsonl");
        Files.writeString(file, """
                {"question": "Ann has 2 pens. She gets 3 more. How many pens does Ann have now?", "answer": 5, "chain": "2 +3"}

                {"question": "q", "answer": "6", "chain": "2 +3"}
                {"question": "q", "answer": "5", "chain": "2 /3"}
                """);
        assertThatThrownBy(() -> adapter.load(file, LoadOptions.strict()))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ":3: field \"answer\" is 6, but the chain gives 5");
        var result = adapter.load(file, new LoadOptions(true, Map.of()));
        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0).id()).isEqualTo("arith-2_+3");
        assertThat(result.skipped()).extracting(s -> s.line()).containsExactly(3, 4);
    }

    @Test
    void unknownSourceAndOptionAreClearErrors() {
        assertThatThrownBy(() -> adapter.load(Path.of("nope.jsonl"), LoadOptions.strict()))
                .hasMessageContaining("nope.jsonl:0: file not found");
        assertThatThrownBy(() -> adapter.load(Path.of("test"), new LoadOptions(false, Map.of("colour", "red"))))
                .hasMessageContaining("no option \"colour\"");
    }
}
