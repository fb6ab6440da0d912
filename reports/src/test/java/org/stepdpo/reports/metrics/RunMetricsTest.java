package org.stepdpo.reports.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stepdpo.metrics.WilsonInterval;
import org.stepdpo.reports.runs.SampleOutcome;

class RunMetricsTest {

    private long ids;

    private SampleOutcome s(String problem, int sample, boolean correct, String answer, String level, Integer firstError,
            Integer gold, int steps, boolean judged) {
        return new SampleOutcome(++ids, problem, Integer.parseInt(problem.substring(1)), sample, correct, answer, level,
                level == null ? null : "subject-" + level, firstError, gold, steps, judged);
    }

    @Test
    void answerMetricsPerRunLevelAndSubject() {
        List<SampleOutcome> samples = List.of(
                // p0: 2 of 3 right, first right, majority right
                s("p0", 0, true, "4", "L1", null, null, 2, false), s("p0", 1, false, "5", "L1", null, null, 2, false),
                s("p0", 2, true, "4", "L1", null, null, 2, false),
                // p1: 1 of 3 right, first right; two wrong answers differ -> tie 1:1:1, the right one voted first
                s("p1", 0, true, "7", "L2", null, null, 4, false), s("p1", 1, false, "8", "L2", null, null, 4, false),
                s("p1", 2, false, "9", "L2", null, null, 4, false),
                // p2: 1 of 3 right, first wrong; two equal wrong answers (different spaces) outvote the right one
                s("p2", 0, false, "2 0", "L2", null, null, 3, false), s("p2", 1, true, "1", "L2", null, null, 3, false),
                s("p2", 2, false, "20", "L2", null, null, 3, false));
        RunMetrics m = RunMetrics.of(samples);
        GroupMetrics all = m.overall();
        assertThat(all.n()).isEqualTo(9);
        assertThat(all.correct()).isEqualTo(4);
        // Accuracy over problems by their first sample: p0, p1 right -> 2/3.
        assertThat(all.firstCorrect()).isEqualTo(2);
        assertThat(all.accuracy()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(all.interval()).isEqualTo(WilsonInterval.of95(2, 3));
        assertThat(all.passAt1()).isCloseTo((2 / 3.0 + 1 / 3.0 + 1 / 3.0) / 3, within(1e-12));
        assertThat(all.k()).isEqualTo(3);
        // pass@3 with 3 samples each: a problem counts when any sample is right -> all three.
        assertThat(all.passAtK()).isEqualTo(1.0);
        assertThat(all.majAtK()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(m.byLevel()).extracting(GroupMetrics::group, GroupMetrics::problems, GroupMetrics::n, GroupMetrics::correct)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("L1", 1, 3, 2), org.assertj.core.groups.Tuple.tuple("L2", 2, 6, 2));
        assertThat(m.byLevel().get(1).accuracy()).isEqualTo(0.5);
        assertThat(m.byLevel().get(1).majAtK()).isCloseTo(0.5, within(1e-12));
        assertThat(m.bySubject()).extracting(GroupMetrics::group).containsExactly("subject-L1", "subject-L2");
        assertThat(m.steps().meanSteps()).isCloseTo((6 + 12 + 9) / 9.0, within(1e-12));
        assertThat(m.steps().judged()).isZero();
        assertThat(m.steps().processAccuracy()).isNull();
        assertThat(m.judge()).isNull();
    }

    @Test
    void oneSamplePerProblemHasNoMajorityVote() {
        RunMetrics m = RunMetrics.of(List.of(s("p0", 0, true, "1", null, null, null, 1, false)));
        assertThat(m.overall().majAtK()).isNull();
        assertThat(m.overall().passAtK()).isNull();
        assertThat(m.overall().passAt1()).isEqualTo(1.0);
        assertThat(m.byLevel()).isEmpty();
    }

    @Test
    void stepMetricsHeadlineAndDistributionShareTheirPopulation() {
        List<SampleOutcome> samples = new ArrayList<>();
        samples.add(s("p0", 0, true, "1", null, null, null, 4, true));     // judged, right, all steps accepted
        samples.add(s("p1", 0, true, "1", null, 0, null, 4, true));        // right answer through a wrong step 1
        samples.add(s("p2", 0, false, "2", null, 2, null, 4, true));       // wrong at step 3 of 4 (3/4)
        samples.add(s("p3", 0, false, "2", null, 4, null, 5, true));       // wrong at step 5 of 5 (5/5)
        samples.add(s("p4", 0, false, "2", null, null, null, 3, false));   // not judged
        samples.add(s("p5", 0, false, "2", null, null, null, 3, true));    // judged, no wrong step found, wrong answer
        StepMetrics st = RunMetrics.of(samples).steps();
        assertThat(st.judged()).isEqualTo(5);
        // Only p0 has the right answer and no wrong step: 1/5 (p5's accepted steps do not make it right).
        assertThat(st.processCorrect()).isEqualTo(1);
        assertThat(st.processAccuracy()).isEqualTo(0.2);
        assertThat(st.rightAnswers()).isEqualTo(2);
        assertThat(st.rightThroughWrongStep()).isEqualTo(1);
        assertThat(st.rightThroughWrongShare()).isEqualTo(0.5);
        // Wrong answers with a located error: p2 (step 3) and p3 (step 5) -> mean 4; p1's step 1 is a right answer's.
        assertThat(st.firstErrorPosition()).isEqualTo(4.0);
        assertThat(st.wrongLocalized()).isEqualTo(2);
        assertThat(st.firstErrorByPosition()).extracting(StepMetrics.Bin::label, StepMetrics.Bin::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("step 1", 0), org.assertj.core.groups.Tuple.tuple("step 2", 0),
                org.assertj.core.groups.Tuple.tuple("step 3", 1), org.assertj.core.groups.Tuple.tuple("step 4", 0),
                org.assertj.core.groups.Tuple.tuple("step 5", 1));
        int[] tenths = st.firstErrorByRelative().stream().mapToInt(StepMetrics.Bin::count).toArray();
        // 3/4 = 75% -> 70–80%, 5/5 = 100% -> 90–100%
        assertThat(tenths).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 0, 1);
        assertThat(st.firstErrorByRelative().get(0).label()).isEqualTo("0–10%");
    }

    @Test
    void judgeAgreementUsesProcessBenchDefinitions() {
        List<SampleOutcome> samples = List.of(
                s("p0", 0, false, "1", null, 1, 1, 3, true),     // erroneous, named exactly
                s("p1", 0, false, "1", null, 2, 1, 3, true),     // erroneous, named too late
                s("p2", 0, false, "1", null, null, 0, 3, true),  // erroneous, missed
                s("p3", 0, true, "1", null, null, -1, 3, true),  // correct, called correct
                s("p4", 0, true, "1", null, 0, -1, 3, true),     // correct, false alarm
                s("p5", 0, true, "1", null, null, null, 3, true)); // no label: ignored
        JudgeAgreement j = RunMetrics.of(samples).judge();
        assertThat(j.labelled()).isEqualTo(5);
        assertThat(j.accErr()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(j.accOk()).isEqualTo(0.5);
        assertThat(j.f1()).isCloseTo(2 * (1 / 3.0) * 0.5 / (1 / 3.0 + 0.5), within(1e-12));
    }

    @Test
    void f1NeedsBothKindsOfItems() {
        JudgeAgreement j = RunMetrics.of(List.of(s("p0", 0, false, "1", null, 0, 0, 2, true))).judge();
        assertThat(j.accErr()).isEqualTo(1.0);
        assertThat(j.accOk()).isNull();
        assertThat(j.f1()).isNull();
    }

    @Test
    void aLabelledSampleWithoutVerdictMatchesNothing() {
        // p1 and p3: the judge gave no verdict (an unreadable reply); they must not count as "called correct".
        JudgeAgreement j = RunMetrics.of(List.of(
                s("p0", 0, true, "1", null, null, -1, 3, true),
                s("p1", 0, true, "1", null, null, -1, 3, false),
                s("p2", 0, false, "1", null, 1, 1, 3, true),
                s("p3", 0, false, "1", null, null, 1, 3, false))).judge();
        assertThat(j.unjudged()).isEqualTo(2);
        assertThat(j.accOk()).isEqualTo(0.5);
        assertThat(j.accErr()).isEqualTo(0.5);
        assertThat(j.f1()).isEqualTo(0.5);
    }
}
