package org.stepdpo.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AimeAdapterTest {
    private final AimeAdapter adapter = new AimeAdapter();
    private final Path file = Fixtures.path("aime.jsonl");

    @Test
    void strictLoadFailsOnAnAnswerOutOfRange() {
        assertThatThrownBy(() -> adapter.load(file, LoadOptions.strict()))
                .hasMessage(file + ":4: field \"answer\" must be an integer from 0 to 999, got \"1000\"");
    }

    @Test
    void readsBothShapesAndSkipsTheBadRecords() {
        LoadResult result = adapter.load(file, Fixtures.SKIP_INVALID);

        assertThat(result.problems()).extracting(Problem::id).containsExactly("aime-7", "aime-1", "aime-2");
        assertThat(result.problems()).extracting(Problem::referenceAnswer).containsExactly("25", "12", "121");
        assertThat(result.skipped()).extracting(LoadResult.SkippedRecord::message).containsExactly(
                file + ":4: field \"answer\" must be an integer from 0 to 999, got \"1000\"",
                file + ":5: field \"answer\" must be an integer from 0 to 999, got \"12.5\"",
                file + ":6: field \"problem\" is missing");
    }

    @Test
    void the2024ShapeKeepsSolutionAndUrl() {
        LoadResult result = adapter.load(file, Fixtures.SKIP_INVALID);
        Problem withSolution = result.problems().get(0);
        Problem bare = result.problems().get(1);

        assertThat(withSolution.referenceSolution()).isEqualTo("$5^4 = 625$, which leaves $25$.");
        assertThat(withSolution.metadata()).containsEntry("url", "https://example.org/aime/7");
        assertThat(bare.referenceSolution()).isNull();
        assertThat(bare.metadata()).isEmpty();
    }
}
