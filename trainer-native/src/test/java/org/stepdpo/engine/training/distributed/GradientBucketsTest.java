package org.stepdpo.engine.training.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradientBucketsTest {

    @Test
    void fillsBucketsUpToTheCapInOrderAndGivesAnOversizedTensorItsOwn() {
        String[] f = {"Float", "Float", "Float", "Float", "Float"};
        assertThat(GradientBuckets.plan(new long[] {40, 50, 20, 200, 10}, f, 100))
                .isEqualTo(List.of(List.of(0, 1), List.of(2), List.of(3), List.of(4)));
        assertThat(GradientBuckets.plan(new long[] {40, 60, 20}, f, 100))
                .isEqualTo(List.of(List.of(0, 1), List.of(2)));
    }

    @Test
    void manySmallTensorsShareOneBucketAndDtypesNeverMix() {
        assertThat(GradientBuckets.plan(new long[] {4, 4, 4, 4}, new String[] {"Float", "Float", "Float", "Float"},
                GradientBuckets.DEFAULT_CAP_BYTES)).isEqualTo(List.of(List.of(0, 1, 2, 3)));
        assertThat(GradientBuckets.plan(new long[] {4, 4, 4}, new String[] {"Float", "BFloat16", "BFloat16"}, 100))
                .isEqualTo(List.of(List.of(0), List.of(1, 2)));
        assertThat(GradientBuckets.plan(new long[0], new String[0], 100)).isEmpty();
    }
}
