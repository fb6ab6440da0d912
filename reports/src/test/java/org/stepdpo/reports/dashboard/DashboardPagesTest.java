package org.stepdpo.reports.dashboard;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stepdpo.reports.TestRuns;
import org.stepdpo.reports.runs.NewRun;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.SampleRecord;

import io.quarkus.test.junit.QuarkusTest;

/** The server-rendered pages: what they contain, the chart and math libraries they load, their error pages. */
@QuarkusTest
class DashboardPagesTest {

    static final String KATEX_CSS = "/webjars/katex/dist/katex.min.css";
    static final String KATEX_JS = "/webjars/katex/dist/katex.min.js";
    static final String KATEX_AUTO_RENDER = "/webjars/katex/dist/contrib/auto-render.min.js";

    @Inject
    RunStore store;

    private static TestRuns.Seeded runs;

    @BeforeEach
    void seedOnce() {
        if (runs == null) {
            runs = TestRuns.seed(store);
        }
    }

    @Test
    void leaderboardListsModelsAndRuns() {
        String html = when().get("/").then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains("<table class=\"sortable leaderboard\" id=\"leaderboard-arith\">",
                "<td class=\"model\">" + runs.model() + "</td>",
                "<a href=\"/runs/" + runs.before() + "\">50.00%</a>", "<a href=\"/runs/" + runs.after() + "\">100.00%</a>",
                "/_static/echarts/dist/echarts.min.js", "/dashboard/dashboard.js");
        // a training run's objective has a column of its own; its benchmark cell is empty
        int training = html.indexOf("<a href=\"/runs/" + runs.training() + "\">step-dpo of " + runs.model() + "</a>");
        assertThat(training).as("the seeded training run's row").isPositive();
        assertThat(html.substring(training, html.indexOf("</tr>", training))).contains(
                "<td class=\"missing\">—</td><td>arith</td>");
        assertThat(html.indexOf(runs.modelAfter())).as("the better model ranks first").isLessThan(html.indexOf(
                "<td class=\"model\">" + runs.model() + "</td>"));
    }

    @Test
    void leaderboardRanksEachBenchmarkApartShowsCoverageAndKeepsSelfChecksApart() {
        String model = "coverage-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        long partial = store.startRun(new org.stepdpo.reports.runs.NewRun(org.stepdpo.reports.runs.RunKind.EVAL,
                "eval math500 " + model, model, "math500-slice", null, "/data/math500.jsonl",
                "{\"settings\": {\"problems_in_data\": 500, \"mode\": \"completions\"}}", "0.1.0", null, "cpu", null));
        store.addSamples(partial, java.util.List.of(sample("q-0", 0, true), sample("q-1", 1, false)));
        store.finishRun(partial);
        long check = store.startRun(new org.stepdpo.reports.runs.NewRun(org.stepdpo.reports.runs.RunKind.EVAL,
                "eval math500 reference", "reference", "math500-slice", null, "/data/math500.jsonl",
                "{\"settings\": {\"problems_in_data\": 2, \"mode\": \"reference\"}}", "0.1.0", null, "cpu", null));
        store.addSamples(check, java.util.List.of(sample("q-0", 0, true), sample("q-1", 1, true)));
        store.finishRun(check);

        String html = when().get("/").then().statusCode(200).extract().asString();
        int table = html.indexOf("<table class=\"sortable leaderboard\" id=\"leaderboard-math500-slice\">");
        assertThat(table).as("a table of its own for the benchmark").isPositive();
        String slice = html.substring(table, html.indexOf("</table>", table));
        assertThat(slice).contains("<td class=\"model\">" + model + "</td>", "2/500 partial")
                .doesNotContain(">reference<");
        int checks = html.indexOf("<table class=\"sortable\" id=\"self-checks\">");
        assertThat(checks).as("self-checks apart").isPositive();
        assertThat(html.substring(checks, html.indexOf("</table>", checks))).contains("reference · math500-slice",
                "/runs/" + check);
    }

    private static org.stepdpo.reports.runs.SampleRecord sample(String id, int index, boolean correct) {
        return new org.stepdpo.reports.runs.SampleRecord(id, index, 0, "#### 1", "1", correct, null, null, null,
                java.util.List.of());
    }

    @Test
    void samplePageShowsTheProblemItsReferenceAnswerAndLinksToItsNeighbours() {
        String all = when().get("/runs/{id}/samples/{sid}?filter=all", runs.before(), runs.wrongSampleId()).then()
                .statusCode(200).extract().asString();
        assertThat(all).contains("<div class=\"problem math\" id=\"problem\">There are 3 boxes with $4$ apples each.",
                "id=\"reference-answer\">12</code>", "id=\"previous-sample\"", "id=\"next-sample\"");
        // among the wrong answers, p-1 is the first: no previous one
        String wrong = when().get("/runs/{id}/samples/{sid}?filter=wrong", runs.before(), runs.wrongSampleId()).then()
                .statusCode(200).extract().asString();
        assertThat(wrong).doesNotContain("id=\"previous-sample\"").contains("id=\"next-sample\"", "?filter=wrong");
        // a run that stored no problem texts still shows its sample, without a problem section
        String after = when().get("/runs/{id}?filter=all", runs.after()).then().statusCode(200).extract().asString();
        assertThat(after).contains("/samples/").contains("?filter=all\">steps</a>");
    }

    @Test
    void leaderboardShowsStepJudgesWithTheirProcessBenchScores() {
        String html = when().get("/").then().statusCode(200).extract().asString();
        int table = html.indexOf("<table class=\"sortable\" id=\"judges\">");
        assertThat(table).as("the judge table").isPositive();
        String judges = html.substring(table, html.indexOf("</table>", table));
        int row = judges.indexOf("<a href=\"/runs/" + runs.judgeRun() + "\">" + runs.judge() + "</a>");
        assertThat(row).as("the seeded judge's row").isPositive();
        assertThat(judges.substring(row, judges.indexOf("</tr>", row)))
                .contains("57.14%", "66.67% <span class=\"ci\">2/3</span>", "50.00% <span class=\"ci\">1/2</span>");
    }

    @Test
    void theChartLibraryAndStylesAreServedByTheApplication() {
        String js = when().get("/_static/echarts/dist/echarts.min.js").then().statusCode(200).extract().asString();
        assertThat(js).contains("echarts").hasSizeGreaterThan(500_000);
        when().get("/dashboard/dashboard.js").then().statusCode(200).body(containsString("echarts.init"));
        when().get("/dashboard/style.css").then().statusCode(200).body(containsString(".first-error"));
    }

    @Test
    void samplePageLinksKatexServedByTheApplicationAndKeepsTheLatexEscaped() {
        TestRuns.MathRun math = TestRuns.seedMath(store);
        String html = when().get("/runs/{id}/samples/{sid}", math.run(), math.sampleId()).then().statusCode(200).extract()
                .asString();
        assertThat(html).contains(KATEX_CSS, KATEX_JS, KATEX_AUTO_RENDER, "class=\"math-toggle\"",
                // the LaTeX goes out as text, escaped like any other text; the browser renders it
                "<pre class=\"step-text math\">" + TestRuns.MATH_INLINE + "</pre>",
                "<pre class=\"step-text math\">" + TestRuns.MATH_BOXED + "</pre>",
                "<code class=\"math math-answer\">" + TestRuns.MATH_ANSWER + "</code>",
                "&lt;b&gt;not bold&lt;/b&gt;")
                .doesNotContain("<b>not bold</b>");
        String run = when().get("/runs/{id}", math.run()).then().statusCode(200).extract().asString();
        assertThat(run).contains(KATEX_JS, "<code class=\"math math-answer\">" + TestRuns.MATH_ANSWER + "</code>");
    }

    @Test
    void katexItsFontsAndItsAutoRenderAreServedByTheApplication() {
        String js = when().get(KATEX_JS).then().statusCode(200).extract().asString();
        assertThat(js).contains("katex").hasSizeGreaterThan(100_000);
        when().get(KATEX_AUTO_RENDER).then().statusCode(200).body(containsString("renderMathInElement"));
        String css = when().get(KATEX_CSS).then().statusCode(200).contentType(containsString("text/css")).extract()
                .asString();
        List<String> fonts = new ArrayList<>();
        Matcher m = Pattern.compile("url\\((fonts/[^)]+\\.woff2)\\)").matcher(css);
        while (m.find()) {
            fonts.add(m.group(1));
        }
        assertThat(fonts).as("woff2 fonts named by the KaTeX style sheet").hasSizeGreaterThan(10);
        String base = KATEX_CSS.substring(0, KATEX_CSS.lastIndexOf('/') + 1);
        for (String font : fonts) {
            byte[] bytes = when().get(base + font).then().statusCode(200).extract().asByteArray();
            assertThat(bytes).as(font).hasSizeGreaterThan(1_000);
        }
    }

    @Test
    void runPageShowsMetricsChartsAndSamples() {
        String html = when().get("/runs/{id}", runs.before()).then().statusCode(200).extract().asString();
        assertThat(html).contains("Run " + runs.before() + ": eval arith " + runs.model(), "id=\"accuracy\">50.00%",
                "<h2>By level</h2>", "id=\"chart-first-error\"", "id=\"chart-level\"", "\"title\":\"Wrong answers: first wrong step's position\"",
                "id=\"first-error-position\">1.50",
                "/runs/" + runs.before() + "/samples/" + runs.wrongSampleId(), "acc_err");
        String wrongOnly = given().queryParam("filter", "wrong").when().get("/runs/{id}", runs.before()).then().statusCode(200)
                .extract().asString();
        assertThat(wrongOnly).contains("<td>p-1</td>", "<td>p-2</td>").doesNotContain("<td>p-0</td>");
        String training = when().get("/runs/{id}", runs.training()).then().statusCode(200).extract().asString();
        assertThat(training).contains("id=\"chart-loss\"", "id=\"chart-reward-accuracy\"", "id=\"chart-reward-margin\"",
                "id=\"chart-pairs\"", "<table id=\"pairs\">");
        // sections that do not apply are not shown: a training run has no samples
        assertThat(training).doesNotContain("id=\"samples\"", "No samples match");
        assertThat(html).contains("<h2 id=\"samples\">Samples</h2>");
    }

    @Test
    void samplePageHighlightsTheFirstWrongStepWithTheJudgesReason() {
        String html = when().get("/runs/{id}/samples/{sid}", runs.before(), runs.wrongSampleId()).then().statusCode(200)
                .extract().asString();
        int first = html.indexOf("first-error\" id=\"step-2\"");
        assertThat(first).as("step 2 carries the first-error class").isPositive();
        assertThat(html.substring(first)).contains("first wrong step", TestRuns.WRONG_STEP.replace("×", "×"),
                "<strong>Judge:</strong> <span class=\"math\">" + TestRuns.JUDGE_REASON + "</span>");
        assertThat(html).contains("after-error\" id=\"step-3\"").doesNotContain("first-error\" id=\"step-1\"");
    }

    @Test
    void comparisonPage() {
        String html = given().queryParam("a", runs.before()).queryParam("b", runs.after()).when().get("/compare").then()
                .statusCode(200).extract().asString();
        assertThat(html).contains("id=\"flips\">2 / 0", "id=\"p-exact\">0.5000", "mid-p 0.2500", "gained by B",
                "<code class=\"math math-answer\">5</code>");
        // p-1 flipped, and run A stored its problem text: the reference answer stands beside both answers
        int flip = html.indexOf("<td>p-1</td>");
        assertThat(flip).isPositive();
        String row = html.substring(flip, html.indexOf("</tr>", flip));
        assertThat(row).containsSubsequence("<code class=\"math math-answer\">12</code>", // the reference
                "<code class=\"math math-answer\">11</code>", "<code class=\"math math-answer\">12</code>"); // A, B
        assertThat(html).contains("<th>Reference answer</th>");
    }

    @Test
    void trainingRunsLinkToTheirSiblingAndCompareAsCurves() {
        String run = when().get("/runs/{id}", runs.training()).then().statusCode(200).extract().asString();
        assertThat(run).contains("<a href=\"/compare?a=" + runs.training() + "&b=" + runs.dpoTraining() + "\">");
        String html = given().queryParam("a", runs.training()).queryParam("b", runs.dpoTraining()).when().get("/compare")
                .then().statusCode(200).extract().asString();
        assertThat(html).contains("id=\"chart-loss\"", "id=\"chart-reward-accuracy\"", "id=\"chart-reward-margin\"",
                "\"name\":\"A: step-dpo of " + runs.model(), "\"name\":\"B: dpo of " + runs.model(), "Figure 2",
                "<th>Starting model</th><th>Objective</th>")
                .doesNotContain("McNemar", "Common problems");
        // A training run has no samples, hence no accuracy (not 0%) in the list of runs.
        String board = when().get("/").then().statusCode(200).extract().asString();
        // (in the list of runs: the leaderboard's rank column holds small numbers too)
        int row = board.indexOf("<td data-sort=\"" + runs.training() + "\">", board.indexOf("id=\"runs\""));
        assertThat(board.substring(row, board.indexOf("</tr>", row))).contains("<td data-sort=\"-1\">—</td>");
        // An evaluation run has no training sibling.
        assertThat(when().get("/runs/{id}", runs.before()).then().statusCode(200).extract().asString())
                .doesNotContain("id=\"siblings\"");
    }

    @Test
    void judgeRunPageLeadsWithTheJudgesScoresAndComparesEachItemWithItsLabel() {
        String html = when().get("/runs/{id}", runs.judgeRun()).then().statusCode(200).extract().asString();
        assertThat(html).contains("id=\"judge-f1\">57.14%", "2/3 earliest wrong steps named exactly",
                "1/2 correct solutions called correct", "<th>Gold first wrong step</th>")
                // an evaluation's cards would call the labelled final answers the judge's accuracy
                .doesNotContain("id=\"accuracy\"", "pass@1");
        int q2 = html.indexOf("<td>q-2</td>");
        assertThat(html.substring(q2, html.indexOf("</tr>", q2))).contains("<td>step 1</td>", "<td>step 3</td>",
                "✗ disagrees");
        int q1 = html.indexOf("<td>q-1</td>");
        assertThat(html.substring(q1, html.indexOf("</tr>", q1))).contains("✓ agrees");
        String sampleId = given().queryParam("limit", 1).when().get("/api/runs/{id}/samples", runs.judgeRun()).then()
                .statusCode(200).extract().path("items[0].id").toString();
        assertThat(when().get("/runs/{id}/samples/{sid}", runs.judgeRun(), sampleId).then().statusCode(200).extract()
                .asString()).contains("id=\"judge-match\">✓ the judge agrees", "labelled <span");
    }

    @Test
    void errorPagesSayWhatIsWrong() {
        when().get("/runs/987654321").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("no run with id 987654321"));
        when().get("/runs/{id}/samples/{sid}", runs.after(), runs.wrongSampleId()).then().statusCode(404);
        given().queryParam("filter", "<b>x</b>").when().get("/runs/{id}", runs.before()).then().statusCode(400)
                .body(containsString("unknown sample filter &#39;&lt;b&gt;x&lt;/b&gt;&#39;"));
        given().queryParam("a", "1").when().get("/compare").then().statusCode(400);
    }

    @Test
    void twoTrainingsLinkToTheEvaluationsOfTheirModelsAndBack() {
        String folder = "/tmp/run-" + java.util.UUID.randomUUID();
        long stepDpo = store.startRun(new NewRun(RunKind.TRAIN, "train step-dpo", "sft", "step-dpo", "toy", null, "{}",
                "0.1.0", null, "CPU", folder + "/train-step-dpo"));
        store.finishRun(stepDpo);
        long dpo = store.startRun(new NewRun(RunKind.TRAIN, "train dpo", "sft", "dpo", "toy", null, "{}", "0.1.0", null,
                "CPU", folder + "/train-dpo"));
        store.finishRun(dpo);
        long evalStepDpo = evaluation("toy-step-dpo", folder + "/train-step-dpo/best");
        long evalDpo = evaluation("toy-dpo", folder + "/train-dpo/final");
        evaluation("toy-sft", folder + "/sft"); // the starting model: linked to neither training

        String trainings = given().queryParam("a", stepDpo).queryParam("b", dpo).when().get("/compare")
                .then().statusCode(200).extract().asString();
        assertThat(trainings).contains("id=\"evaluations\"", "<a href=\"/compare?a=" + evalStepDpo + "&amp;b=" + evalDpo
                + "\">compare their answers</a>");
        String answers = given().queryParam("a", evalStepDpo).queryParam("b", evalDpo).when().get("/compare")
                .then().statusCode(200).extract().asString();
        assertThat(answers).contains("<a href=\"/compare?a=" + stepDpo + "&amp;b=" + dpo + "\">compare the");
        // two evaluations not written by trainings have no such link
        String plain = given().queryParam("a", runs.before()).queryParam("b", runs.after()).when().get("/compare")
                .then().statusCode(200).extract().asString();
        assertThat(plain).doesNotContain("id=\"trainings\"");
    }

    /** A finished evaluation of the model in {@code modelDir}, as {@code run} stores it (settings.model_dir). */
    private long evaluation(String model, String modelDir) {
        long id = store.startRun(new NewRun(RunKind.EVAL, "demo eval " + model, model, "arith", "toy", "test",
                "{\"settings\":{\"model_dir\":\"" + modelDir + "\"}}", "0.1.0", null, "CPU", null));
        store.addSamples(id, List.of(new SampleRecord("p-0", 0, 0, "Step 1: 1+1=2", "2", true, null, null, null,
                List.of())));
        store.finishRun(id);
        return id;
    }
}
