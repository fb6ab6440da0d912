package org.stepdpo.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GradingBenchmarkTest {

    @Test
    void parallelRunGradesEverySampleAndReportsItsThreads() {
        Path data = TestData.dir();
        TestData.require(data, "math500/test.jsonl");
        TestData.require(data, "processbench/math.json");
        GradingBenchmark.Result single = GradingBenchmark.run(data, 1);
        GradingBenchmark.Result parallel = GradingBenchmark.run(data, 1, 2);
        assertThat(single.threads()).isEqualTo(1);
        assertThat(parallel.threads()).isEqualTo(2);
        assertThat(parallel.math500Samples()).isEqualTo(single.math500Samples()).isEqualTo(500);
        assertThat(parallel.processBenchSamples()).isEqualTo(single.processBenchSamples()).isEqualTo(1400);
        assertThat(parallel.math500SamplesPerSecond()).isPositive();
        assertThat(parallel.processBenchSamplesPerSecond()).isPositive();
        assertThat(parallel.processBenchAgreement()).isEqualTo(single.processBenchAgreement());
    }

    @Test
    void rejectsNonsenseSettings() {
        Path anywhere = Path.of("unused");
        assertThatThrownBy(() -> GradingBenchmark.run(anywhere, 0, 1)).hasMessageContaining("rounds must be >= 1, was 0");
        assertThatThrownBy(() -> GradingBenchmark.run(anywhere, 1, 0)).hasMessageContaining("threads must be >= 1, was 0");
    }
}
