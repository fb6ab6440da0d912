package org.stepdpo.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Math500AdapterTest {
    private final Math500Adapter adapter = new Math500Adapter();
    private final Path file = Fixtures.path("math500.jsonl");

    @Test
    void strictLoadFailsWithoutUniqueId() {
        assertThatThrownBy(() -> adapter.load(file, LoadOptions.strict()))
                .hasMessage(file + ":3: field \"unique_id\" is missing");
    }

    @Test
    void skipInvalidReportsEveryBadRecordWithItsLine() {
        LoadResult result = adapter.load(file, Fixtures.SKIP_INVALID);

        assertThat(result.skipped()).extracting(LoadResult.SkippedRecord::line).containsExactly(3, 4, 5);
        assertThat(result.skipped().get(1).message())
                .isEqualTo(file + ":4: field \"answer\" must be a number or a string, got an array");
        assertThat(result.skipped().get(2).message()).startsWith(file + ":5: invalid JSON: ");
    }

    @Test
    void uniqueIdIsTheIdAndLevelAndSubjectAreKept() {
        LoadResult result = adapter.load(file, Fixtures.SKIP_INVALID);

        assertThat(result.problems()).extracting(Problem::id)
                .containsExactly("test/prealgebra/9001.json", "test/geometry/9002.json");
        assertThat(result.problems()).extracting(Problem::referenceAnswer).containsExactly("\\frac{1}{2}", "12");
        Problem second = result.problems().get(1);
        assertThat(second.index()).isEqualTo(1);
        assertThat(second.level()).isEqualTo("2");
        assertThat(second.subject()).isEqualTo("Geometry");
        assertThat(second.referenceSolution()).startsWith("Each of 6 faces");
    }
}
