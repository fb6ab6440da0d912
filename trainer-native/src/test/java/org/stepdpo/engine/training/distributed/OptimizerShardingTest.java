package org.stepdpo.engine.training.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OptimizerShardingTest {

    @Test
    void eachTensorGoesToTheLeastLoadedRankInOrder() {
        // loads: [100,0] -> [100,60] -> [100,100] -> tie to rank 0: [110,100] -> [110,130]
        assertThat(OptimizerSharding.owners(new long[] {100, 60, 40, 10, 30}, 2)).containsExactly(0, 1, 1, 0, 1);
        assertThat(OptimizerSharding.owners(new long[] {5, 5, 5}, 1)).containsExactly(0, 0, 0);
        assertThat(OptimizerSharding.owners(new long[] {8, 8, 8, 8}, 4)).containsExactly(0, 1, 2, 3);
    }
}
