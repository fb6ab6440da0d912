package org.stepdpo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each metric of docs/METRICS.md on a few inline samples, the expected numbers worked out by hand beside them. */
class MetricsTest {

    private static final double EXACT = 1e-12;

    /** An unjudged sample: problem, sample index, right or wrong, extracted answer. */
    private static ScoredSample answer(String problem, int index, boolean correct, String answer) {
        return new ScoredSample(problem, index, correct, 2, false, null, answer);
    }

    /** A judged sample with {@code steps} steps and its first wrong step (0-based index, or null). */
    private static ScoredSample judged(String problem, boolean correct, int steps, Integer firstErrorIndex) {
        return new ScoredSample(problem, 0, correct, steps, true, firstErrorIndex, "1");
    }

    @Test
    void accuracyCountsEachProblemsFirstSample() {
        List<ScoredSample> samples = List.of(
                answer("p0", 0, true, "1"), answer("p0", 1, false, "2"),    // first sample right
                answer("p1", 0, false, "3"), answer("p1", 1, true, "1"),    // first sample wrong
                answer("p2", 1, true, "1"), answer("p2", 0, false, "4"));   // listed out of order: sample 0 is wrong
        // 1 of 3 problems right on the first sample; the 3 right samples of 6 do not enter.
        assertThat(Metrics.accuracy(samples)).isEqualTo(new Share(1, 3));
        assertThat(Metrics.accuracy(samples).value()).isCloseTo(1 / 3.0, within(EXACT));
    }

    @Test
    void passAt1IsTheMeanOverProblemsOfTheRightShare() {
        List<ScoredSample> samples = List.of(
                answer("p0", 0, true, "1"), answer("p0", 1, false, "2"),                              // 1/2
                answer("p1", 0, false, "3"), answer("p1", 1, true, "1"),                              // 1/2
                answer("p2", 0, true, "1"), answer("p2", 1, true, "1"), answer("p2", 2, false, "5")); // 2/3
        // (1/2 + 1/2 + 2/3) / 3 = (5/3) / 3 = 5/9; a pooled share of samples would be 4/7.
        assertThat(Metrics.passAt1(samples)).isCloseTo(5 / 9.0, within(EXACT));
    }

    @Test
    void passAtKIsChensUnbiasedEstimator() {
        List<ScoredSample> samples = new java.util.ArrayList<>();
        boolean[][] outcomes = {
                {true, false, true, false, false},   // n = 5, c = 2: 1 − C(3,2)/C(5,2) = 1 − 3/10 = 0.7
                {false, false, false, false, false}, // c = 0: 1 − C(5,2)/C(5,2) = 0
                {true, true, false, true, true}};    // c = 4: C(1,2) = 0, so 1
        for (int p = 0; p < outcomes.length; p++) {
            for (int i = 0; i < outcomes[p].length; i++) {
                samples.add(answer("p" + p, i, outcomes[p][i], "x"));
            }
        }
        // pass@2 = (0.7 + 0 + 1) / 3 = 0.5666...; pass@1 = (2/5 + 0 + 4/5) / 3 = 0.4; pass@5 = (1 + 0 + 1) / 3.
        assertThat(Metrics.passAtK(samples, 2)).isCloseTo(1.7 / 3, within(EXACT));
        assertThat(Metrics.passAtK(samples, 1)).isCloseTo(0.4, within(EXACT)).isEqualTo(Metrics.passAt1(samples));
        assertThat(Metrics.passAtK(samples, 5)).isCloseTo(2 / 3.0, within(EXACT));
        // A problem with fewer than k samples leaves pass@k undefined.
        assertThat(Metrics.passAtK(samples, 6)).isNull();
    }

    @Test
    void majAtKVotesOverTheFirstKSamples() {
        List<ScoredSample> samples = List.of(
                // p0: right "4", wrong "5", wrong "5 " (same text without spaces). k=3: 2 wrong votes beat 1: wrong.
                //     k=2: 1:1, the right group voted first: right.
                answer("p0", 0, true, "4"), answer("p0", 1, false, "5"), answer("p0", 2, false, "5 "),
                // p1: right, then two different wrong answers: 1:1:1, right voted first: right at k=2 and k=3.
                answer("p1", 0, true, "7"), answer("p1", 1, false, "8"), answer("p1", 2, false, "9"),
                // p2: wrong "1" then right "2" (2 samples only): 1:1, wrong voted first: wrong at every k.
                answer("p2", 0, false, "1"), answer("p2", 1, true, "2"),
                // p3: no answer twice, then right: k=3 right (the only vote); k=2 no votes: wrong.
                answer("p3", 0, false, null), answer("p3", 1, false, null), answer("p3", 2, true, "3"),
                // p4: only a sample without an answer: wrong.
                answer("p4", 0, false, null),
                // p5: wrong "2", right "3", right "3": k=3 right 2:1; k=2 1:1, wrong voted first: wrong.
                answer("p5", 0, false, "2"), answer("p5", 1, true, "3"), answer("p5", 2, true, "3"));
        // k=3: right in p1, p3, p5 -> 3/6.  k=2: right in p0, p1 -> 2/6.
        assertThat(Metrics.majAtK(samples, 3)).isEqualTo(new Share(3, 6));
        assertThat(Metrics.majAtK(samples, 2)).isEqualTo(new Share(2, 6));
        // k=1: the vote of the first sample alone is the accuracy (p0, p1 right) -> 2/6.
        assertThat(Metrics.majAtK(samples, 1)).isEqualTo(Metrics.accuracy(samples));
    }

    @Test
    void meanStepsIsOverAllSamples() {
        List<ScoredSample> samples = List.of(
                new ScoredSample("p0", 0, true, 2, false, null, "1"),
                new ScoredSample("p0", 1, false, 3, false, null, null),
                new ScoredSample("p1", 0, false, 4, true, 1, "2"),
                new ScoredSample("p2", 0, false, 0, false, null, null));
        // (2 + 3 + 4 + 0) / 4 = 2.25
        assertThat(Metrics.meanSteps(samples)).isEqualTo(new Mean(9, 4));
        assertThat(Metrics.meanSteps(samples).value()).isEqualTo(2.25);
    }

    @Test
    void firstErrorPositionIsTheMeanOverWrongAnswersWithALocatedError() {
        List<ScoredSample> samples = List.of(
                judged("p0", false, 3, 1),                              // wrong, first wrong step 2
                judged("p1", false, 3, 0),                              // wrong, first wrong step 1
                judged("p2", false, 3, null),                           // wrong, judge found none: left out
                new ScoredSample("p3", 0, false, 3, false, null, "1"),  // wrong, not judged: left out
                judged("p4", true, 3, 2),                               // right answer: left out
                judged("p5", false, 5, 3));                             // wrong, first wrong step 4
        // (2 + 1 + 4) / 3 = 7/3; over every located error, right answers included, it would be (2+1+3+4)/4 = 2.5.
        assertThat(Metrics.firstErrorPosition(samples)).isEqualTo(new Mean(7, 3));
        assertThat(Metrics.firstErrorPosition(samples).value()).isCloseTo(7 / 3.0, within(EXACT));
        assertThat(Metrics.wrongWithLocatedError(samples)).extracting(ScoredSample::problemKey)
                .containsExactly("p0", "p1", "p5");
    }

    @Test
    void rightThroughWrongStepIsOverRightAnswersTheJudgeAssessed() {
        List<ScoredSample> samples = List.of(
                judged("p0", true, 3, 0),                               // right through a wrong step 1
                judged("p1", true, 3, null),                            // right, every step accepted
                new ScoredSample("p2", 0, true, 3, false, null, "1"),   // right, not judged: left out
                judged("p3", true, 3, 1),                               // right through a wrong step 2
                judged("p4", false, 3, 1));                             // wrong answer: left out
        // 2 of the 3 judged right answers; over all 4 right answers it would be 2/4.
        assertThat(Metrics.rightThroughWrongStep(samples)).isEqualTo(new Share(2, 3));
    }

    @Test
    void processAccuracyNeedsEveryStepAcceptedAndTheRightAnswer() {
        List<ScoredSample> samples = List.of(
                judged("p0", true, 3, null),                            // right, no wrong step: counts
                judged("p1", true, 3, 0),                               // right through a wrong step
                judged("p2", false, 3, null),                           // no wrong step found, but wrong answer
                judged("p3", false, 3, 2),                              // wrong
                new ScoredSample("p4", 0, true, 3, false, null, "1"));  // not judged: left out
        // 1 of 4 judged samples.
        assertThat(Metrics.processAccuracy(samples)).isEqualTo(new Share(1, 4));
    }

    @Test
    void emptyDenominatorsGiveNullNotZero() {
        List<ScoredSample> none = List.of();
        assertThat(Metrics.accuracy(none).value()).isNull();
        assertThat(Metrics.passAt1(none)).isNull();
        assertThat(Metrics.meanSteps(none).value()).isNull();
        // Samples, but none in the population of the metric.
        List<ScoredSample> unjudged = List.of(answer("p0", 0, true, "1"));
        assertThat(Metrics.firstErrorPosition(unjudged)).isEqualTo(new Mean(0, 0));
        assertThat(Metrics.rightThroughWrongStep(unjudged).value()).isNull();
        assertThat(Metrics.processAccuracy(unjudged).value()).isNull();
        assertThat(Metrics.accuracy(unjudged).wilson95()).isEqualTo(WilsonInterval.of95(1, 1));
    }

    @Test
    void aRunsBundleReportsKOnlyWithSeveralSamplesPerProblem() {
        AnswerMetrics one = AnswerMetrics.of(List.of(answer("p0", 0, true, "1"), answer("p1", 0, false, null)));
        assertThat(one.k()).isEqualTo(1);
        assertThat(one.majAtK()).isNull();
        assertThat(one.passAtK()).isNull();
        assertThat(one.noAnswer()).isEqualTo(1);
        AnswerMetrics two = AnswerMetrics.of(List.of(answer("p0", 0, false, "2"), answer("p0", 1, true, "1"),
                answer("p1", 0, false, "3"), answer("p1", 1, false, "3")));
        // k = 2; p0: 1:1, wrong voted first -> maj wrong; pass@2 = (1 + 0) / 2; accuracy 0/2; pass@1 = (1/2 + 0) / 2.
        assertThat(two).extracting(AnswerMetrics::problems, AnswerMetrics::samples, AnswerMetrics::correctSamples,
                AnswerMetrics::k, AnswerMetrics::passAtK, AnswerMetrics::majAtK, AnswerMetrics::accuracy,
                AnswerMetrics::passAt1)
                .containsExactly(2, 4, 1, 2, 0.5, new Share(0, 2), new Share(0, 2), 0.25);
    }

    @Test
    void aSampleMustBeConsistent() {
        assertThatThrownBy(() -> new ScoredSample("p0", 0, false, 2, false, 1, "1"))
                .hasMessageContaining("problem p0, sample 0").hasMessageContaining("needs a judged sample");
        assertThatThrownBy(() -> new ScoredSample("p0", 0, false, 2, true, 2, "1"))
                .hasMessageContaining("index 2 is not one of its 2 steps");
        assertThatThrownBy(() -> new Share(3, 2)).hasMessageContaining("3/2");
    }
}
