package org.stepdpo.data;

import org.junit.jupiter.api.Test;
import org.stepdpo.grading.AnswerGrader;
import org.stepdpo.grading.ExtractionOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Gsm8kAdapterTest {
    private final Gsm8kAdapter adapter = new Gsm8kAdapter();
    private final Path file = Fixtures.path("gsm8k.jsonl");

    @Test
    void strictLoadFailsOnTheFirstBadRecord() {
        assertThatThrownBy(() -> adapter.load(file, LoadOptions.strict()))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ":4: field \"answer\" is missing");
    }

    @Test
    void skipInvalidReportsEveryBadRecordWithItsLine() {
        LoadResult result = adapter.load(file, Fixtures.SKIP_INVALID);

        assertThat(result.problems()).extracting(Problem::id).containsExactly("gsm8k-0", "gsm8k-1", "gsm8k-8");
        assertThat(result.problems()).extracting(Problem::index).containsExactly(0, 1, 8);
        assertThat(result.skipped()).extracting(LoadResult.SkippedRecord::line).containsExactly(4, 5, 6, 7, 8, 9);
        assertThat(result.skipped()).extracting(LoadResult.SkippedRecord::message).containsExactly(
                file + ":4: field \"answer\" is missing",
                file + ":5: field \"answer\" has no \"#### <number>\" final answer",
                result.skipped().get(2).message(),
                file + ":7: field \"answer\" must be a string, got an object",
                file + ":8: field \"question\" is blank",
                file + ":9: field \"answer\" must end with \"#### <number>\", got \"#### eight\"");
        assertThat(result.skipped().get(2).message()).startsWith(file + ":6: invalid JSON: ");
    }

    @Test
    void referenceAnswerIsTheFinalNumberWithoutThousandsCommas() {
        LoadResult result = adapter.load(file, Fixtures.SKIP_INVALID);

        assertThat(result.problems()).extracting(Problem::referenceAnswer).containsExactly("31", "5000", "2.5");
    }

    @Test
    void referenceSolutionIsTheWholeAnswerAndMetadataHasTheReasoningWithoutCalculatorNotes() {
        Problem first = adapter.load(file, Fixtures.SKIP_INVALID).problems().get(0);

        assertThat(first.question()).startsWith("Mia has 3 boxes");
        assertThat(first.referenceSolution()).isEqualTo(
                "She had 3 * 12 = <<3*12=36>>36 pencils.\nAfter giving 5 away she has 36 - 5 = <<36-5=31>>31 pencils.\n#### 31");
        assertThat(adapter.grade(first, first.referenceSolution()).correct()).isTrue();
        assertThat(first.metadata()).containsEntry(Gsm8kAdapter.PLAIN_SOLUTION,
                "She had 3 * 12 = 36 pencils.\nAfter giving 5 away she has 36 - 5 = 31 pencils.");
    }

    @Test
    void idPrefixOptionNamesDerivedIds() {
        LoadResult result = adapter.load(file,
                new LoadOptions(true, Map.of(JsonlDatasetAdapter.ID_PREFIX, "gsm8k-test")));

        assertThat(result.problems()).extracting(Problem::id)
                .containsExactly("gsm8k-test-0", "gsm8k-test-1", "gsm8k-test-8");
    }

    @Test
    void unknownOptionIsRejected() {
        assertThatThrownBy(() -> adapter.load(file, new LoadOptions(false, Map.of("questoin", "q"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset adapter gsm8k has no option \"questoin\"; its options are [idPrefix, limit]");
    }

    @Test
    void gradesWithLastNumberFallbackAgainstTheFinalNumber() {
        Problem problem = adapter.load(file, Fixtures.SKIP_INVALID).problems().get(0);
        AnswerGrader expected = new AnswerGrader(ExtractionOptions.withLastNumberFallback());

        for (String completion : List.of("31", "so she has 31 pencils left", "#### 31", "\\boxed{30}", "30", "")) {
            assertThat(adapter.grade(problem, completion)).as(completion)
                    .isEqualTo(expected.grade(completion, "31"));
        }
        assertThat(adapter.grade(problem, "31").correct()).isTrue();
        assertThat(adapter.grade(problem, "30").correct()).isFalse();
    }

    @Test
    void limitKeepsTheFirstProblemsAndStillChecksEveryRecord() {
        LoadResult two = adapter.load(file, new LoadOptions(true, Map.of("limit", "2")));
        assertThat(two.problems()).extracting(Problem::id).containsExactly("gsm8k-0", "gsm8k-1");
        assertThat(two.skipped()).hasSize(6);
        assertThat(adapter.load(file, new LoadOptions(true, Map.of("limit", "50"))).problems()).hasSize(3);
        assertThatThrownBy(() -> adapter.load(file, new LoadOptions(true, Map.of("limit", "0"))))
                .hasMessage("dataset adapter gsm8k: option limit must be a positive integer, got \"0\"");
    }
}
