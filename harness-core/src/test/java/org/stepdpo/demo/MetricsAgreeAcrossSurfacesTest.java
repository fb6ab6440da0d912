package org.stepdpo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.config.PromptTemplates;
import org.stepdpo.config.baselines.Baseline;
import org.stepdpo.config.baselines.BaselineEntry;
import org.stepdpo.config.baselines.BaselineFile;
import org.stepdpo.config.baselines.Metric;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.Grade;
import org.stepdpo.data.Problem;
import org.stepdpo.judges.Judgement;
import org.stepdpo.judges.StepAssessment;
import org.stepdpo.judges.Verdict;
import org.stepdpo.judges.VerifierJudge;
import org.stepdpo.pipeline.DatasetSelection;
import org.stepdpo.regress.SuiteMeasurement;
import org.stepdpo.reports.metrics.StepMetrics;
import org.stepdpo.reports.report.RunReports;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.steps.StepSegmenter;

/**
 * One evaluation, judged once and stored once, read by every surface that reports step metrics: the demo's
 * table (ModelScore, score.json, leaderboard.json), the regression gate (the outcomes it reads from results.jsonl,
 * and the numbers a baseline file stores), and the dashboard (RunMetrics over the stored samples, and the JSON the
 * API serves). They must all give the same first-error position and right-through-wrong share; before docs/METRICS.md
 * the dashboard's and the demo's definitions differed on exactly the kinds of answers below.
 */
@QuarkusTest
class MetricsAgreeAcrossSurfacesTest {

    /** Wrong answers with a located error: answer 3 (step 2) and answer 4 (step 3): (2 + 3) / 2. */
    private static final double FIRST_ERROR_POSITION = 2.5;
    /** Right answers the judge assessed: answers 0 and 1, of which 1 has a wrong step: 1/2. */
    private static final double RIGHT_THROUGH_WRONG_STEP = 0.5;

    @Inject
    RunStore store;

    @Inject
    RunReports reports;

    @Inject
    ObjectMapper json;

    @Test
    void demoTableRegressMeasurementAndDashboardGiveTheSameStepMetrics(@TempDir Path out) throws Exception {
        List<GreedyEvaluation.Judged> answers = List.of(
                answer(0, true, 2, Judgement.allCorrect(verdicts(2, -1))),        // right, every step accepted
                answer(1, true, 2, Judgement.firstErrorAt(0, verdicts(2, 0))),    // right through a wrong step 1
                answer(2, true, 2, Judgement.undecided("the reply never parsed")), // right, not judged
                answer(3, false, 2, Judgement.firstErrorAt(1, verdicts(2, 1))),   // wrong at step 2
                answer(4, false, 3, Judgement.firstErrorAt(2, verdicts(3, 2))),   // wrong at step 3
                answer(5, false, 2, Judgement.allCorrect(verdicts(2, -1))),       // wrong, no wrong step found
                answer(6, false, 2, Judgement.firstErrorAt(5, verdicts(2, -1)))); // wrong, names a step it lacks
        // The old definitions would have disagreed here: over every located error (the dashboard) the position was
        // (1 + 2 + 3) / 3 = 2; counting the judge's out-of-range step 6 (the demo) it was (2 + 3 + 6) / 3; and over all
        // right answers (the demo, the baselines) the share was 1/3.

        ModelScore score = new GreedyEvaluation(store).record(request(out), answers);

        Map<String, Double> firstError = new LinkedHashMap<>();
        Map<String, Double> throughWrong = new LinkedHashMap<>();

        firstError.put("ModelScore", score.firstErrorPosition());
        throughWrong.put("ModelScore", score.rightThroughWrongStep());
        ModelScore reread = GreedyEvaluation.read(out.resolve(GreedyEvaluation.SCORE));
        firstError.put("score.json", reread.firstErrorPosition());
        throughWrong.put("score.json", reread.rightThroughWrongStep());
        Path boardFile = out.resolve(DemoLeaderboard.FILE);
        DemoLeaderboard.write(boardFile, DemoLeaderboard.entries(List.of(score), Map.of(), Map.of(), Map.of(), List.of(), Map.of(), Map.of()));
        JsonNode board = json.readTree(boardFile.toFile()).get(0);
        firstError.put("leaderboard.json", board.get("first_error_position").asDouble());
        throughWrong.put("leaderboard.json", board.get("right_through_wrong_step").asDouble());

        BaselineEntry measured = SuiteMeasurement.measured(score, out.resolve(GreedyEvaluation.RESULTS), "arith:test");
        firstError.put("regress measurement", measured.value(Metric.FIRST_ERROR_POSITION));
        throughWrong.put("regress measurement", measured.value(Metric.RIGHT_THROUGH_WRONG_STEP));
        JsonNode stored = json.readTree(BaselineFile.toJson(new Baseline("agree", 1, null, null, null, List.of(measured))))
                .at("/entries/0");
        firstError.put("baseline file", stored.get(Metric.FIRST_ERROR_POSITION.key()).asDouble());
        throughWrong.put("baseline file", stored.get(Metric.RIGHT_THROUGH_WRONG_STEP.key()).asDouble());

        StepMetrics dashboard = reports.report(score.runId()).metrics().steps();
        firstError.put("dashboard RunMetrics", dashboard.firstErrorPosition());
        throughWrong.put("dashboard RunMetrics", dashboard.rightThroughWrongShare());
        JsonNode api = json.valueToTree(reports.report(score.runId())).at("/metrics/steps");
        firstError.put("API JSON", api.get("firstErrorPosition").asDouble());
        throughWrong.put("API JSON", api.get("rightThroughWrongShare").asDouble());

        assertThat(firstError).hasSize(7).allSatisfy((surface, value) ->
                assertThat(value).as("first-error position on the %s", surface).isEqualTo(FIRST_ERROR_POSITION));
        assertThat(throughWrong).hasSize(7).allSatisfy((surface, value) ->
                assertThat(value).as("right-through-wrong share on the %s", surface).isEqualTo(RIGHT_THROUGH_WRONG_STEP));
        // And the denominators they are taken over.
        assertThat(List.of(score.wrongLocalized(), measured.firstErrorPosition().n(), dashboard.wrongLocalized()))
                .containsOnly(2);
        assertThat(List.of(measured.rightThroughWrongStep().of(), dashboard.rightAnswers())).containsOnly(2);
        assertThat(List.of(score.accuracy(), measured.value(Metric.ACCURACY),
                reports.report(score.runId()).metrics().overall().accuracy())).containsOnly(3 / 7.0);
    }

    private static GreedyEvaluation.Request request(Path out) {
        return new GreedyEvaluation.Request("step-dpo", out.resolve("model"), "agree-" + UUID.randomUUID(),
                new DatasetSelection("arith", "test", Map.of()), DatasetAdapters.byName("arith"),
                PromptTemplates.builtin().get("step"), new VerifierJudge(), 50, "cpu", "metrics-agree", out);
    }

    /** Answer {@code i} with {@code steps} steps, graded right or wrong, and the judge's judgement of it. */
    private static GreedyEvaluation.Judged answer(int i, boolean correct, int steps, Judgement judgement) {
        StringBuilder text = new StringBuilder("Let's think step by step.\n");
        for (int k = 1; k <= steps; k++) {
            text.append("Step ").append(k).append(": ").append(k).append(" + 1 = ").append(k + 1).append(".\n");
        }
        text.append("The answer is: ").append(correct ? "9" : "8");
        String response = text.toString();
        var split = new StepSegmenter().split(response);
        assertThat(split).hasSize(steps);
        return new GreedyEvaluation.Judged(new Problem("agree-" + i, i, "question " + i, null, "9", Map.of()), response,
                new Grade(correct ? "9" : "8", correct, "test"), split, judgement);
    }

    /** Verdicts on the first steps up to {@code wrongAt} (wrong there, right before it); all right when -1. */
    private static List<StepAssessment> verdicts(int steps, int wrongAt) {
        List<StepAssessment> list = new ArrayList<>();
        for (int k = 0; k < steps && (wrongAt < 0 || k <= wrongAt); k++) {
            list.add(new StepAssessment(k, k == wrongAt ? Verdict.INCORRECT : Verdict.CORRECT, "checked"));
        }
        return list;
    }
}
