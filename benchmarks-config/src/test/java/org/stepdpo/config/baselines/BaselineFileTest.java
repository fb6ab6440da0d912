package org.stepdpo.config.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepdpo.metrics.Share;
import org.junit.jupiter.api.io.TempDir;

class BaselineFileTest {

    private static Baseline sample() {
        BaselineEntry sft = new BaselineEntry("sft", "arith:test", List.of(
                new ProblemOutcome("arith-1_+2_+3", true, 2, true, null),
                new ProblemOutcome("arith-4_-1_+3", true, 2, true, 2),
                new ProblemOutcome("arith-5_+5_+5", false, 2, true, 1),
                new ProblemOutcome("arith-2_+2_-1", false, 3, true, null),
                new ProblemOutcome("arith-3_+3_+3", true, 2, false, null)));
        BaselineEntry stepDpo = new BaselineEntry("step-dpo", "arith:test", List.of(
                new ProblemOutcome("arith-1_+2_+3", false, 0, false, null)));
        return new Baseline("smoke", 1, "abc", "0123", "2025-01-01T00:00:00Z", List.of(sft, stepDpo));
    }

    @Test
    void roundTripsAndKeepsEveryProblemOnItsOwnReadableLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("smoke.json");
        BaselineFile.write(file, sample());
        String text = Files.readString(file);
        assertThat(text).contains("\"arith-4_-1_+3\" : \"+2@2\"", "\"arith-5_+5_+5\" : \"-2@1\"",
                "\"arith-3_+3_+3\" : \"+2?\"", "\"arith-1_+2_+3\" : \"-0?\"", "\"accuracy\" : 0.6000",
                "\"right_through_wrong_step\" : 0.5000", "\"first_error_position\" : 1.0000");
        assertThat(BaselineFile.read(file)).isEqualTo(sample());
        // The step-dpo entry has no right answers: shares of them are undefined and written as null.
        assertThat(text).contains("\"right_through_wrong_step\" : null");
    }

    @Test
    void metricsFollowFromTheOutcomes() {
        BaselineEntry e = sample().entries().get(0);
        // 3 of 5 right.
        assertThat(e.value(Metric.ACCURACY)).isEqualTo(0.6);
        // Of the 2 right answers the judge assessed, 1 has a wrong step; the unjudged right answer (+2?) is in
        // neither count (over all 3 right answers it would be 1/3).
        assertThat(e.rightThroughWrongStep()).isEqualTo(new Share(1, 2));
        assertThat(e.value(Metric.RIGHT_THROUGH_WRONG_STEP)).isEqualTo(0.5);
        // The only wrong answer with a located error is wrong at step 1; the right one with step 2 wrong does not count.
        assertThat(e.value(Metric.FIRST_ERROR_POSITION)).isEqualTo(1.0);
        // (2 + 2 + 2 + 3 + 2) / 5
        assertThat(e.value(Metric.MEAN_STEPS)).isEqualTo(2.2);
    }

    @Test
    void aFormat1BaselineIsRefusedWithHowToMigrateIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("smoke.json");
        BaselineFile.write(file, sample());
        Files.writeString(file, Files.readString(file).replace("stepdpo-baseline/2", "stepdpo-baseline/1"));
        assertThatThrownBy(() -> BaselineFile.read(file)).isInstanceOf(BaselineFormatException.class)
                .hasMessageStartingWith(file + ": line 2: field format")
                .hasMessageContaining("--update-baseline").hasMessageContaining("stepdpo-baseline/2");
    }

    @Test
    void theCommittedSmokeBaselineAgreesWithItsOutcomes() {
        // Reading checks every stored metric against the per-problem outcomes under docs/METRICS.md's definitions.
        assertThat(Baselines.builtin("smoke")).get().satisfies(b -> assertThat(b.entries()).isNotEmpty());
    }

    @Test
    void invalidJsonNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("smoke.json");
        BaselineFile.write(file, sample());
        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"stage\" : \"sft\",", "\"stage\" : \"sft\""));
        // The parser notices the missing comma where the next field starts, on the following line.
        int line = lineOf(text, "\"stage\" : \"sft\"") + 2;
        assertThatThrownBy(() -> BaselineFile.read(file)).isInstanceOf(BaselineFormatException.class)
                .hasMessageStartingWith(file + ": line " + line + ", column").hasMessageContaining("not valid JSON");
    }

    @Test
    void aMetricThatDisagreesWithTheOutcomesIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("smoke.json");
        BaselineFile.write(file, sample());
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("\"accuracy\" : 0.6000", "\"accuracy\" : 0.7500"));
        assertThatThrownBy(() -> BaselineFile.read(file)).isInstanceOf(BaselineFormatException.class)
                .hasMessageContaining(file + ": line " + (lineOf(text, "\"accuracy\" : 0.6000") + 1)
                        + ": field entries[0].accuracy: says 0.75 but the outcomes give 0.6000");
    }

    @Test
    void damagedFieldsAreNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("smoke.json");
        BaselineFile.write(file, sample());
        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"+2@2\"", "\"yes\""));
        assertThatThrownBy(() -> BaselineFile.read(file))
                .hasMessageContaining("line " + (lineOf(text, "\"+2@2\"") + 1))
                .hasMessageContaining("field entries[0].outcomes[\"arith-4_-1_+3\"]: outcome \"yes\" is not of the form");
        Files.writeString(file, text.replace("\"n\" : 5", "\"n\" : 6"));
        assertThatThrownBy(() -> BaselineFile.read(file))
                .hasMessageContaining("field entries[0].n: says 6 but the outcomes give 5");
        Files.writeString(file, text.replace("\"format\" : \"stepdpo-baseline/2\",", ""));
        assertThatThrownBy(() -> BaselineFile.read(file)).hasMessageContaining("field format");
        Files.writeString(file, text.replace("\"arith-5_+5_+5\" : \"-2@1\"", "\"arith-1_+2_+3\" : \"-2@1\""));
        assertThatThrownBy(() -> BaselineFile.read(file)).hasMessageContaining("Duplicate field 'arith-1_+2_+3'");
        Files.writeString(file, "");
        assertThatThrownBy(() -> BaselineFile.read(file)).hasMessageStartingWith(file.toString());
        assertThatThrownBy(() -> BaselineFile.read(dir.resolve("absent.json")))
                .hasMessage(dir.resolve("absent.json") + ": baseline file not found");
    }

    @Test
    void outcomeCodes() {
        assertThat(ProblemOutcome.parse("p", "+3@2")).isEqualTo(new ProblemOutcome("p", true, 3, true, 2));
        assertThat(ProblemOutcome.parse("p", "-0")).isEqualTo(new ProblemOutcome("p", false, 0, true, null));
        assertThat(ProblemOutcome.parse("p", "+3?")).isEqualTo(new ProblemOutcome("p", true, 3, false, null));
        assertThat(new ProblemOutcome("p", false, 4, true, 1).code()).isEqualTo("-4@1");
        assertThat(new ProblemOutcome("p", false, 4, false, null).code()).isEqualTo("-4?");
        assertThatThrownBy(() -> ProblemOutcome.parse("p", "+3@0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProblemOutcome.parse("p", "+3@4")).hasMessageContaining("first wrong step <= steps");
        assertThatThrownBy(() -> ProblemOutcome.parse("p", "+3@2?")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProblemOutcome.parse("p", "right")).isInstanceOf(IllegalArgumentException.class);
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
    }
}
