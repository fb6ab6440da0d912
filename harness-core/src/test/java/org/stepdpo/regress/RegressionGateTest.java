package org.stepdpo.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stepdpo.config.RegressSpec;
import org.stepdpo.config.baselines.BaselineEntry;
import org.stepdpo.config.baselines.Metric;
import org.stepdpo.config.baselines.ProblemOutcome;

/** The gate's decisions on synthetic per-problem outcomes. */
class RegressionGateTest {

    private static final RegressGateFixture NO_TOLERANCE = new RegressGateFixture(new RegressSpec(0.05, 1, Map.of()));

    private record RegressGateFixture(RegressSpec spec) {
        MetricRow accuracy(BaselineEntry baseline, BaselineEntry now) {
            return new RegressionGate(spec).compare(List.of(baseline), List.of(now)).stream()
                    .filter(r -> r.metric() == Metric.ACCURACY).findFirst().orElseThrow();
        }
    }

    @Test
    void aPlantedRegressionOnTheSameProblemsIsCaughtByMcNemar() {
        // 200 problems, 100 right; the degraded run loses 15 of them and gains none: 42.5% against 50%.
        MetricRow row = NO_TOLERANCE.accuracy(Outcomes.entry("sft", 200, 100, 0, 0), Outcomes.entry("sft", 200, 100, 15, 0));
        assertThat(row.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(row.test().name()).isEqualTo("McNemar exact");
        assertThat(row.test().pValue()).isLessThan(0.001);
        assertThat(row.difference()).isEqualTo(-0.075, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(row.test().high()).isNegative();
        assertThat(row.reason()).startsWith("significant");
    }

    @Test
    void noiseWithinTheIntervalIsNotFlagged() {
        // 8 lost and 4 gained (-2 points) is the churn a retrained model shows: not significant, so ok.
        MetricRow noise = NO_TOLERANCE.accuracy(Outcomes.entry("sft", 200, 100, 0, 0), Outcomes.entry("sft", 200, 100, 8, 4));
        assertThat(noise.difference()).isNegative();
        assertThat(noise.verdict()).isEqualTo(Verdict.OK);
        assertThat(noise.test().pValue()).isGreaterThan(0.05);
        assertThat(noise.test().low()).isNegative();
        assertThat(noise.test().high()).isPositive();
        assertThat(noise.reason()).startsWith("within noise");
    }

    @Test
    void aDropBeyondTheToleranceCountsEvenWhenTooFewProblemsMakeItInsignificant() {
        // 12 problems: 6 right, then 3 lost and none gained (-25 points): McNemar p = 0.25, not significant.
        BaselineEntry before = Outcomes.entry("sft", 12, 6, 0, 0);
        BaselineEntry after = Outcomes.entry("sft", 12, 6, 3, 0);
        assertThat(NO_TOLERANCE.accuracy(before, after).verdict()).isEqualTo(Verdict.OK);
        RegressGateFixture tolerant = new RegressGateFixture(new RegressSpec(0.05, 1, Map.of(Metric.ACCURACY, 0.10)));
        MetricRow row = tolerant.accuracy(before, after);
        assertThat(row.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(row.reason()).isEqualTo("beyond the tolerance 0.1");
        // A drop within the tolerance and not significant stays ok.
        assertThat(tolerant.accuracy(before, Outcomes.entry("sft", 12, 6, 1, 0)).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void improvementsAreReportedButNeverFail() {
        MetricRow row = NO_TOLERANCE.accuracy(Outcomes.entry("sft", 200, 100, 0, 0), Outcomes.entry("sft", 200, 100, 0, 20));
        assertThat(row.verdict()).isEqualTo(Verdict.BETTER);
        RegressReport report = new RegressReport("s", "b.json", NO_TOLERANCE.spec(), List.of(row), List.of(), null);
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void differentProblemSetsFallBackToTheTwoProportionTest() {
        BaselineEntry before = Outcomes.entry("sft", 200, 100, 0, 0);
        BaselineEntry fewer = Outcomes.entry("sft", 150, 50, 0, 0);
        MetricRow row = NO_TOLERANCE.accuracy(before, fewer);
        assertThat(row.test().name()).isEqualTo("two-proportion z");
        assertThat(row.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void identicalOutcomesPassEveryMetric() {
        BaselineEntry e = Outcomes.entry("step-dpo", 100, 40, 0, 0);
        RegressSpec spec = new RegressSpec(0.05, 1, Map.of(Metric.MEAN_STEPS, 0.3, Metric.FIRST_ERROR_POSITION, 0.3));
        List<MetricRow> rows = new RegressionGate(spec).compare(List.of(e), List.of(e));
        assertThat(rows).extracting(MetricRow::metric).containsExactly(Metric.values());
        assertThat(rows).allMatch(r -> r.verdict() != Verdict.REGRESSION);
        RegressReport report = new RegressReport("s", "b.json", spec, rows, List.of(), null);
        assertThat(report.exitCode()).isZero();
        // No right answer through a wrong step in either: 0% against 0%, tested and ok.
        assertThat(rows.get(1).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void rightThroughAWrongStepIsTestedOverTheRightAnswersTheJudgeAssessed() {
        // 4 right and clean, 2 right through a wrong step, 2 right but not judged, 2 wrong: 2 of 6 judged right answers.
        List<ProblemOutcome> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean right = i < 8;
            outcomes.add(new ProblemOutcome("p" + i, right, 2, i < 6 || !right, i >= 4 && i < 6 || !right ? 1 : null));
        }
        BaselineEntry e = new BaselineEntry("sft", "arith:test", outcomes);
        MetricRow row = new RegressionGate(RegressSpec.defaults()).compare(List.of(e), List.of(e)).stream()
                .filter(r -> r.metric() == Metric.RIGHT_THROUGH_WRONG_STEP).findFirst().orElseThrow();
        assertThat(row.baseline()).isEqualTo(2 / 6.0);
        assertThat(row.baselineOf()).isEqualTo(6);
        assertThat(RegressionGate.denominator(e, Metric.FIRST_ERROR_POSITION)).isEqualTo(2);
    }

    @Test
    void aBaselineEntryTheRunLacksMeansTheSuiteChanged() {
        assertThatThrownBy(() -> new RegressionGate(RegressSpec.defaults()).compare(
                List.of(Outcomes.entry("dpo", 10, 5, 0, 0)), List.of(Outcomes.entry("sft", 10, 5, 0, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[dpo on arith:test]")
                .hasMessageContaining("--update-baseline");
    }

    @Test
    void theMarkdownTableNamesTestIntervalAndVerdict() {
        RegressGateFixture tolerant = new RegressGateFixture(new RegressSpec(0.05, 1, Map.of(Metric.ACCURACY, 0.10)));
        MetricRow row = tolerant.accuracy(Outcomes.entry("sft", 200, 100, 0, 0), Outcomes.entry("sft", 200, 100, 15, 0));
        RegressReport report = new RegressReport("smoke", "smoke.json", tolerant.spec(), List.of(row), List.of("a note"),
                null);
        String md = RegressMarkdown.render(report);
        assertThat(md).contains("| stage | benchmark | metric | baseline | now | difference | 95% interval | test | verdict |",
                "| sft | arith:test | accuracy | 50.0% of 200 | 42.5% of 200 | -7.5 pp | [", "McNemar exact, p = ",
                "; tolerance 10.0 pp", "**REGRESSION** (significant", "- a note", "**1 metric regressed** (exit 3)");
        assertThat(report.exitCode()).isEqualTo(RegressReport.EXIT_REGRESSION);
    }
}
