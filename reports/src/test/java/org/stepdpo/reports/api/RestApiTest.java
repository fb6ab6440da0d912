package org.stepdpo.reports.api;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.closeTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stepdpo.reports.TestRuns;
import org.stepdpo.reports.runs.RunStore;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;

/** Every endpoint of the JSON API, with its error cases. */
@QuarkusTest
class RestApiTest {

    @Inject
    RunStore store;

    private static TestRuns.Seeded runs;

    @BeforeAll
    static void numbersAsDoubles() {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @BeforeEach
    void seedOnce() {
        if (runs == null) {
            runs = TestRuns.seed(store);
        }
    }

    @Test
    void listsRunsNewestFirstWithFilters() {
        when().get("/api/runs").then().statusCode(200).contentType(ContentType.JSON)
                .body("id", hasItems((int) runs.before(), (int) runs.after(), (int) runs.training()));
        given().queryParam("kind", "train").queryParam("model", runs.modelAfter()).when().get("/api/runs").then()
                .statusCode(200).body("id", equalTo(java.util.List.of((int) runs.dpoTraining(), (int) runs.training())))
                .body("[1].configJson.method", equalTo("step-dpo"));
        given().queryParam("status", "finished").queryParam("benchmark", "arith").queryParam("model", runs.model())
                .when().get("/api/runs").then().statusCode(200).body("", hasSize(1)).body("[0].summary.nCorrect", equalTo(2));
    }

    @Test
    void badRunFiltersAre400() {
        given().queryParam("kind", "banana").when().get("/api/runs").then().statusCode(400)
                .body("status", equalTo(400)).body("error", containsString("kind must be one of [eval, pipeline, train, judge]"));
        given().queryParam("status", "done").when().get("/api/runs").then().statusCode(400)
                .body("error", containsString("status must be one of"));
    }

    @Test
    void runDetailCarriesMetrics() {
        when().get("/api/runs/{id}", runs.before()).then().statusCode(200)
                .body("run.model", equalTo(runs.model()))
                .body("run.configJson.seed", equalTo(1))
                .body("metrics.overall.n", equalTo(4))
                .body("metrics.overall.correct", equalTo(2))
                .body("metrics.overall.accuracy", closeTo(0.5, 1e-9))
                .body("metrics.overall.interval.low", closeTo(0.1500, 1e-4))
                .body("metrics.byLevel.group", equalTo(java.util.List.of("Level 1", "Level 2")))
                .body("metrics.steps.judged", equalTo(4))
                .body("metrics.steps.firstErrorByPosition.count", equalTo(java.util.List.of(1, 1)))
                .body("metrics.judge.labelled", equalTo(3))
                .body("metrics.judge.accErr", closeTo(1.0, 1e-9))
                .body("metrics.judge.accOk", closeTo(1.0, 1e-9))
                .body("pairSets", hasSize(0));
    }

    @Test
    void unknownOrMalformedRunIds() {
        when().get("/api/runs/987654321").then().statusCode(404).body("error", equalTo("no run with id 987654321"));
        when().get("/api/runs/abc").then().statusCode(400).body("error", containsString("run id must be a positive whole number"));
        when().get("/api/runs/0/samples").then().statusCode(400);
        when().get("/api/runs/987654321/samples").then().statusCode(404);
        when().get("/api/runs/987654321/training-metrics").then().statusCode(404);
        when().get("/api/runs/987654321/pair-sets").then().statusCode(404);
        when().get("/api/runs/987654321/report").then().statusCode(404);
    }

    @Test
    void samplesPageAndFilter() {
        given().queryParam("limit", 2).when().get("/api/runs/{id}/samples", runs.before()).then().statusCode(200)
                .body("total", equalTo(4)).body("limit", equalTo(2)).body("items", hasSize(2))
                .body("items[1].sample.problemId", equalTo("p-1"));
        given().queryParam("filter", "first-error").when().get("/api/runs/{id}/samples", runs.before()).then()
                .statusCode(200).body("total", equalTo(2)).body("items.sample.problemId", equalTo(java.util.List.of("p-1", "p-2")));
        given().queryParam("filter", "correct").queryParam("offset", 1).when().get("/api/runs/{id}/samples", runs.before())
                .then().statusCode(200).body("total", equalTo(2)).body("items.sample.problemId", equalTo(java.util.List.of("p-3")));
        given().queryParam("filter", "wrong").when().get("/api/runs/{id}/samples", runs.before()).then()
                .body("items.sample.correct", not(hasItem(true)));
    }

    @Test
    void badSampleParametersAre400() {
        given().queryParam("filter", "odd").when().get("/api/runs/{id}/samples", runs.before()).then().statusCode(400)
                .body("error", containsString("unknown sample filter 'odd'"));
        given().queryParam("limit", 0).when().get("/api/runs/{id}/samples", runs.before()).then().statusCode(400)
                .body("error", containsString("limit must be a whole number from 1 to 500"));
        given().queryParam("limit", 501).when().get("/api/runs/{id}/samples", runs.before()).then().statusCode(400);
        given().queryParam("offset", -1).when().get("/api/runs/{id}/samples", runs.before()).then().statusCode(400);
    }

    @Test
    void oneSampleWithStepsAndReasons() {
        when().get("/api/runs/{id}/samples/{sid}", runs.before(), runs.wrongSampleId()).then().statusCode(200)
                .body("sample.firstErrorStep", equalTo(1)).body("sample.goldFirstError", equalTo(1))
                .body("sample.steps[1].verdict", equalTo("INCORRECT"))
                .body("sample.steps[1].judgeReason", equalTo(TestRuns.JUDGE_REASON))
                .body("sample.steps[2].verdict", nullValue());
        // A sample that exists, asked for under another run, is not found there.
        when().get("/api/runs/{id}/samples/{sid}", runs.after(), runs.wrongSampleId()).then().statusCode(404)
                .body("error", containsString("has no sample with id " + runs.wrongSampleId()));
        when().get("/api/runs/{id}/samples/x", runs.before()).then().statusCode(400);
    }

    @Test
    void trainingMetricsAndPairSets() {
        when().get("/api/runs/{id}/training-metrics", runs.training()).then().statusCode(200)
                .body("step", equalTo(java.util.List.of(0, 1, 2)))
                .body("[0].loss", closeTo(0.6931, 1e-9)).body("[2].rewardAccuracy", closeTo(0.81, 1e-9))
                .body("[2].rewardMargin", closeTo(0.45, 1e-9));
        when().get("/api/runs/{id}/training-metrics", runs.before()).then().statusCode(200).body("", hasSize(0));
        when().get("/api/runs/{id}/pair-sets", runs.training()).then().statusCode(200)
                .body("[0].wrongAnswers", equalTo(6)).body("[0].pairsKept", equalTo(9));
    }

    @Test
    void leaderboardBySuite() {
        when().get("/api/leaderboard").then().statusCode(200).contentType(ContentType.JSON)
                .body("confidence", closeTo(0.95, 1e-9))
                .body("rows.model", hasItems(runs.model(), runs.modelAfter()))
                .body("rows.find { it.model == '" + runs.modelAfter() + "' }.cells.arith.accuracy", closeTo(1.0, 1e-9));
        given().queryParam("suite", "no-such-suite").when().get("/api/leaderboard").then().statusCode(200)
                .body("rows", hasSize(0));
    }

    @Test
    void judgeLeaderboardScoresJudgeRunsAsProcessBenchDoes() {
        String row = "find { it.judge == '" + runs.judge() + "' }";
        when().get("/api/leaderboard/judges").then().statusCode(200).contentType(ContentType.JSON)
                .body(row + ".runId", equalTo((int) runs.judgeRun()))
                .body(row + ".benchmark", equalTo("processbench-test"))
                .body(row + ".agreement.labelled", equalTo(5))
                .body(row + ".agreement.accErr", closeTo(TestRuns.JUDGE_ACC_ERR, 1e-12))
                .body(row + ".agreement.accOk", closeTo(TestRuns.JUDGE_ACC_OK, 1e-12))
                .body(row + ".agreement.f1", closeTo(TestRuns.JUDGE_F1, 1e-12));
        // Eval runs with gold labels are evaluations, not judge runs: not on the judge board.
        when().get("/api/leaderboard/judges").then().statusCode(200).body("judge", not(hasItem(runs.model())));
        given().queryParam("suite", "no-such-suite").when().get("/api/leaderboard/judges").then().statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void comparisonOfTwoRuns() {
        given().queryParam("a", runs.before()).queryParam("b", runs.after()).when().get("/api/compare").then()
                .statusCode(200).body("common", equalTo(4)).body("bothRight", equalTo(2))
                .body("mcnemar.onlyA", equalTo(0)).body("mcnemar.onlyB", equalTo(2))
                .body("mcnemar.exactP", closeTo(0.5, 1e-12)).body("mcnemar.midP", closeTo(0.25, 1e-12))
                .body("flips.problemId", equalTo(java.util.List.of("p-1", "p-2")));
    }

    @Test
    void trainingCurvesOfTwoRunsSideBySide() {
        given().queryParam("a", runs.training()).queryParam("b", runs.dpoTraining()).when().get("/api/compare/training")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("runId", equalTo(java.util.List.of((int) runs.training(), (int) runs.dpoTraining())))
                .body("[0].metrics.step", equalTo(java.util.List.of(0, 1, 2)))
                .body("[0].metrics[2].rewardAccuracy", closeTo(0.81, 1e-12))
                .body("[1].metrics[2].rewardMargin", closeTo(0.12, 1e-12))
                .body("[1].metrics[1].loss", closeTo(0.66, 1e-12));
        given().queryParam("a", runs.training()).queryParam("b", runs.training()).when().get("/api/compare/training")
                .then().statusCode(400).body("error", containsString("compare two different runs"));
        given().queryParam("a", runs.training()).queryParam("b", 987654321).when().get("/api/compare/training")
                .then().statusCode(404);
    }

    @Test
    void badComparisonsAre400Or404() {
        when().get("/api/compare").then().statusCode(400).body("error", containsString("a (run id)"));
        given().queryParam("a", runs.before()).queryParam("b", runs.before()).when().get("/api/compare").then()
                .statusCode(400).body("error", containsString("compare two different runs"));
        given().queryParam("a", runs.before()).queryParam("b", 987654321).when().get("/api/compare").then()
                .statusCode(404).body("error", equalTo("no run with id 987654321"));
    }

    @Test
    void unknownApiPathsAreJson404s() {
        when().get("/api/nope").then().statusCode(404).contentType(containsString("application/json"))
                .body("status", equalTo(404)).body("error", containsString("no API endpoint /api/nope"));
        when().get("/api/runs/abc/nothing/here").then().statusCode(404).contentType(containsString("application/json"));
        when().get("/api/leaderboard").then().statusCode(200); // the real endpoints still answer
        when().get("/api/runs/{id}", runs.before()).then().statusCode(200);
    }

    @Test
    void reportEndpointServesEachFormat() {
        given().queryParam("format", "md").when().get("/api/runs/{id}/report", runs.before()).then().statusCode(200)
                .contentType(containsString("text/markdown")).body(containsString("# Run " + runs.before()));
        given().queryParam("format", "csv").when().get("/api/runs/{id}/report", runs.before()).then().statusCode(200)
                .contentType(containsString("text/csv")).body(containsString("run_id,section,group,metric"));
        given().queryParam("format", "pdf").when().get("/api/runs/{id}/report", runs.before()).then().statusCode(400)
                .body("error", containsString("expected one of md, html, csv, json"));
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItems("/api/runs", "/api/runs/{id}", "/api/runs/{id}/samples",
                        "/api/runs/{id}/samples/{sampleId}", "/api/runs/{id}/training-metrics", "/api/leaderboard", "/api/leaderboard/judges", "/api/compare/training",
                        "/api/compare"))
                .body("paths.keySet()", not(hasItem("/")));
    }
}
