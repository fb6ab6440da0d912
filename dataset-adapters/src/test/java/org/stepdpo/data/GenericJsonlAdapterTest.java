package org.stepdpo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenericJsonlAdapterTest {
    private final GenericJsonlAdapter adapter = new GenericJsonlAdapter();
    private final Path file = Fixtures.path("generic.jsonl");
    private final Map<String, String> fields = Map.of(
            GenericJsonlAdapter.QUESTION, "prompt",
            GenericJsonlAdapter.ANSWER, "target",
            GenericJsonlAdapter.ID, "key",
            GenericJsonlAdapter.SOLUTION, "work");

    @Test
    void optionsNameTheFieldsAndMissingAnswerIsReported() {
        assertThatThrownBy(() -> adapter.load(file, new LoadOptions(false, fields)))
                .hasMessage(file + ":4: field \"target\" is missing");
    }

    @Test
    void mapsNamedFieldsAndPutsOtherScalarsIntoMetadata() {
        LoadResult result = adapter.load(file, new LoadOptions(true, fields));

        assertThat(result.problems()).extracting(Problem::id).containsExactly("riddle-a", "jsonl-1", "jsonl-12");
        assertThat(result.problems()).extracting(Problem::referenceAnswer).containsExactly("2", "6", "9");
        Problem first = result.problems().get(0);
        assertThat(first.question()).isEqualTo("What is the smallest prime number?");
        assertThat(first.referenceSolution()).isEqualTo("1 is not prime, 2 is.");
        assertThat(first.metadata()).containsExactlyInAnyOrderEntriesOf(
                Map.of("difficulty", "easy", "score", "0.5", "flag", "true"));
        assertThat(result.problems().get(1).referenceSolution()).isNull();
        assertThat(result.skipped()).extracting(LoadResult.SkippedRecord::line).containsExactly(4);
    }

    @Test
    void defaultFieldNamesAreQuestionAndAnswer(@TempDir Path dir) throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.jsonl"),
                "{\"question\": \"What is 2 + 3?\", \"answer\": 5, \"source\": \"made up\"}\n"
                        + "{\"prompt\": \"What is 4 + 4?\", \"answer\": 8}\n");

        assertThatThrownBy(() -> adapter.load(plain, LoadOptions.strict()))
                .hasMessage(plain + ":2: field \"question\" is missing");
        Problem first = adapter.load(plain, new LoadOptions(true, Map.of())).problems().get(0);
        assertThat(first.id()).isEqualTo("jsonl-0");
        assertThat(first.referenceAnswer()).isEqualTo("5");
        assertThat(first.metadata()).containsExactlyEntriesOf(Map.of("source", "made up"));
    }

    @Test
    void unknownOptionListsTheKnownOnes() {
        assertThatThrownBy(() -> adapter.load(file, new LoadOptions(false, Map.of("anwser", "target"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset adapter jsonl has no option \"anwser\"; its options are "
                        + "[answer, id, idPrefix, limit, question, solution]");
    }
}
