package org.stepdpo.data;

import org.stepdpo.grading.AnswerExtractor;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every shared benchmark file loads completely, and a few answers read from the files come out right. */
class RealBenchmarkFilesTest {

    private static LoadResult loadStrictly(DatasetAdapter adapter, String relative, int expectedProblems) {
        LoadResult result = adapter.load(SharedData.file(relative), LoadOptions.strict());
        assertThat(result.skipped()).isEmpty();
        assertThat(result.problems()).hasSize(expectedProblems);
        assertThat(result.problems()).extracting(Problem::id).doesNotHaveDuplicates();
        return result;
    }

    private static Map<String, Problem> byId(LoadResult result) {
        return result.problems().stream().collect(Collectors.toMap(Problem::id, Function.identity()));
    }

    @Test
    void gsm8kTest() {
        LoadResult result = loadStrictly(new Gsm8kAdapter(), "gsm8k/test.jsonl", 1319);

        Problem first = result.problems().get(0);
        assertThat(first.id()).isEqualTo("gsm8k-0");
        assertThat(first.question()).startsWith("Janet\u2019s ducks lay 16 eggs per day.");
        assertThat(first.referenceAnswer()).isEqualTo("18");
        assertThat(first.referenceSolution()).startsWith("Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.");
        assertThat(first.metadata().get(Gsm8kAdapter.PLAIN_SOLUTION))
                .startsWith("Janet sells 16 - 3 - 4 = 9 duck eggs a day.");
        assertThat(result.problems().get(146).referenceAnswer()).isEqualTo("2125"); // "#### 2,125" in the file
        assertThat(result.problems().get(489).referenceAnswer()).isEqualTo("-10");
        assertThat(result.problems().get(1318).referenceAnswer()).isEqualTo("14");
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.referenceAnswer()).matches("-?\\d+(\\.\\d+)?"));
    }

    @Test
    void gsm8kTrain() {
        LoadResult result = loadStrictly(new Gsm8kAdapter(), "gsm8k/train.jsonl", 7473);

        assertThat(result.problems().get(0).question()).startsWith("Natalia sold clips to 48 of her friends");
        assertThat(result.problems().get(0).referenceAnswer()).isEqualTo("72");
        assertThat(result.problems().get(7472).id()).isEqualTo("gsm8k-7472");
        assertThat(result.problems().get(7472).referenceAnswer()).isEqualTo("50");
    }

    @Test
    void math() {
        LoadResult result = loadStrictly(new MathAdapter(), "math/test.jsonl", 5000);
        Map<String, Problem> problems = byId(result);

        assertThat(problems.get("math-0").referenceAnswer()).isEqualTo("2");
        assertThat(problems.get("math-0").level()).isEqualTo("3");
        assertThat(problems.get("math-0").subject()).isEqualTo("Algebra");
        assertThat(problems.get("math-2").referenceAnswer()).isEqualTo("\\dfrac{9}{7}");
        assertThat(problems.get("math-2276").referenceAnswer()).isEqualTo("\\{-1\\} \\cup [0,7)");
        assertThat(problems.get("math-4999").referenceAnswer())
                .isEqualTo("\\begin{pmatrix} 1 \\\\ -2 \\\\ -1 \\end{pmatrix}");
        assertThat(result.problems()).extracting(Problem::level).containsOnly("1", "2", "3", "4", "5");
        assertThat(result.problems()).extracting(Problem::subject).containsOnly("Algebra", "Intermediate Algebra",
                "Prealgebra", "Precalculus", "Number Theory", "Geometry", "Counting & Probability");
    }

    @Test
    void math500() {
        LoadResult result = loadStrictly(new Math500Adapter(), "math500/test.jsonl", 500);
        Problem first = result.problems().get(0);

        assertThat(first.id()).isEqualTo("test/precalculus/807.json");
        assertThat(first.referenceAnswer()).isEqualTo("\\left( 3, \\frac{\\pi}{2} \\right)");
        assertThat(first.level()).isEqualTo("2");
        assertThat(first.subject()).isEqualTo("Precalculus");
        assertThat(result.problems().get(499).referenceAnswer()).isEqualTo("106^\\circ");
        // In MATH-500 the given answer is always the last box of the solution: a check of AnswerExtractor.lastBoxedContent
        // on 500 real solutions.
        assertThat(result.problems()).allSatisfy(p ->
                assertThat(AnswerExtractor.lastBoxedContent(p.referenceSolution())).as(p.id()).contains(p.referenceAnswer()));
    }

    @Test
    void aime2024() {
        LoadResult result = loadStrictly(new AimeAdapter(), "aime24/test.jsonl", 30);
        Map<String, Problem> problems = byId(result);

        assertThat(problems.get("aime-60").referenceAnswer()).isEqualTo("204");
        assertThat(problems.get("aime-60").question()).startsWith("Every morning Aya goes for a $9$-kilometer-long walk");
        assertThat(problems.get("aime-60").referenceSolution()).isNotBlank();
        assertThat(problems.get("aime-60").metadata()).containsKey("url");
        assertThat(problems.get("aime-67").referenceAnswer()).isEqualTo("25"); // "025" in the file
        assertThat(problems.get("aime-89").referenceAnswer()).isEqualTo("902");
    }

    @Test
    void aime2025() {
        LoadResult result = loadStrictly(new AimeAdapter(), "aime25/test.jsonl", 30);

        assertThat(result.problems().get(0).id()).isEqualTo("aime-0");
        assertThat(result.problems().get(0).referenceAnswer()).isEqualTo("70");
        assertThat(result.problems().get(0).referenceSolution()).isNull();
        assertThat(result.problems().get(29).referenceAnswer()).isEqualTo("240");
    }

    @Test
    void amc2023() {
        LoadResult result = loadStrictly(new AmcAdapter(), "amc23/test.jsonl", 40);
        Map<String, Problem> problems = byId(result);

        assertThat(problems.get("amc-0").referenceAnswer()).isEqualTo("27"); // 27.0 in the file
        assertThat(problems.get("amc-0").question()).startsWith("Cities $A$ and $B$ are $45$ miles apart.");
        assertThat(problems.get("amc-17").referenceAnswer()).isEqualTo("-1");
        assertThat(problems.get("amc-49").referenceAnswer()).isEqualTo("8");
    }

    @Test
    void genericAdapterReadsMath500WithFieldOptions() {
        LoadResult result = new GenericJsonlAdapter().load(SharedData.file("math500/test.jsonl"), new LoadOptions(false,
                Map.of("question", "problem", "id", "unique_id", "solution", "solution")));

        assertThat(result.problems()).hasSize(500);
        assertThat(result.problems().get(0).id()).isEqualTo("test/precalculus/807.json");
        assertThat(result.problems().get(0).metadata())
                .containsExactlyInAnyOrderEntriesOf(Map.of("subject", "Precalculus", "level", "2"));
    }
}
