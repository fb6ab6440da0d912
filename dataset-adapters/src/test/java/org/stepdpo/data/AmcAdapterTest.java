package org.stepdpo.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmcAdapterTest {
    private final AmcAdapter adapter = new AmcAdapter();
    private final Path file = Fixtures.path("amc.jsonl");

    @Test
    void strictLoadFailsOnABooleanAnswer() {
        assertThatThrownBy(() -> adapter.load(file, LoadOptions.strict()))
                .hasMessage(file + ":4: field \"answer\" must be a number or a string, got a boolean (true)");
    }

    @Test
    void numericAnswersAreWrittenPlainly() {
        LoadResult result = adapter.load(file, Fixtures.SKIP_INVALID);

        assertThat(result.problems()).extracting(Problem::id).containsExactly("amc-0", "amc-1", "amc-2");
        assertThat(result.problems()).extracting(Problem::referenceAnswer)
                .containsExactly("2", "2.5", "\\frac{1}{3}");
        assertThat(result.problems().get(0).metadata()).containsEntry("url", "https://example.org/amc/0");
        assertThat(result.skipped()).extracting(LoadResult.SkippedRecord::message).containsExactly(
                file + ":4: field \"answer\" must be a number or a string, got a boolean (true)",
                file + ":5: field \"id\" must be a number or a string, got an object");
    }
}
