package org.stepdpo.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepSegmenterTest {

    private final StepSegmenter segmenter = new StepSegmenter();

    @Test
    void splitsStepDpoFormatAtMarkersAndKeepsExactSpans() {
        String solution = "Let's think step by step.\nStep 1: 3 + 4 = 7.\nStep 2: 7 * 2 = 14.\n"
                + "The answer is: 14\n";
        StepSegmenter.Segmentation seg = segmenter.segment(solution);

        assertThat(seg.method()).isEqualTo(StepSegmenter.Method.MARKERS);
        List<Step> steps = seg.steps();
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).text()).isEqualTo("Step 1: 3 + 4 = 7.");
        assertThat(steps.get(0).body()).isEqualTo("3 + 4 = 7.");
        assertThat(steps.get(1).text()).isEqualTo("Step 2: 7 * 2 = 14.\nThe answer is: 14");
        for (Step s : steps) {
            assertThat(solution.substring(s.start(), s.end())).isEqualTo(s.text());
        }
        assertThat(steps.get(1).index()).isEqualTo(1);
    }

    @Test
    void recognisesMarkdownMarkersAndIgnoresStepMentionedMidLine() {
        String solution = "## Step 1: Set up\nWe use the result from step 1: nothing.\n\n**Step 2:** Solve\nx = 2";
        List<Step> steps = segmenter.split(solution);
        assertThat(steps).extracting(Step::body)
                .containsExactly("Set up\nWe use the result from step 1: nothing.", "Solve\nx = 2");
        assertThat(steps.get(1).text()).startsWith("**Step 2:**");
    }

    @Test
    void fallsBackToBlankLineSeparatedParagraphs() {
        String solution = "  First we add.\n3+4=7\n\n\n   Then we double it: 14.  \n \nSo the answer is $\\boxed{14}$.";
        StepSegmenter.Segmentation seg = segmenter.segment(solution);
        assertThat(seg.method()).isEqualTo(StepSegmenter.Method.PARAGRAPHS);
        assertThat(seg.steps()).extracting(Step::text).containsExactly(
                "First we add.\n3+4=7", "Then we double it: 14.", "So the answer is $\\boxed{14}$.");
        for (Step s : seg.steps()) {
            assertThat(solution.substring(s.start(), s.end())).isEqualTo(s.text());
            assertThat(s.bodyStart()).isEqualTo(s.start());
        }
    }

    @Test
    void singleParagraphIsOneStepAndBlankIsNone() {
        assertThat(segmenter.split("The answer is 5.")).hasSize(1);
        assertThat(segmenter.split("   \n\n ")).isEmpty();
        assertThat(segmenter.split(null)).isEmpty();
    }

    @Test
    void markerAtVeryEndGivesAnEmptyBodyNotAnError() {
        List<Step> steps = segmenter.split("Step 1: a = 1.\nStep 2:");
        assertThat(steps).hasSize(2);
        assertThat(steps.get(1).body()).isEmpty();
    }
}
