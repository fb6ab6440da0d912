package org.stepdpo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataEfficiencyTableTest {

    private static DataEfficiencyStudy.Point p(long seed, String objective, int pairs, Integer best, double accuracy) {
        return new DataEfficiencyStudy.Point(seed, objective, pairs, 35, best, 400, (int) Math.round(400 * accuracy),
                accuracy);
    }

    @Test
    void rowsPerPairCountAndOneRowForEachSeedsFullSet() {
        List<DataEfficiencyStudy.Point> points = List.of(
                p(1, "step-dpo", 50, 10, 0.50), p(1, "step-dpo", 1103, 35, 0.70),
                p(1, "dpo", 50, 0, 0.45), p(1, "dpo", 585, 30, 0.69),
                p(2, "step-dpo", 50, 15, 0.40), p(2, "step-dpo", 1099, 35, 0.60),
                p(2, "dpo", 50, null, 0.41), p(2, "dpo", 625, 35, 0.58));
        String md = DataEfficiencyTable.markdown("toy", points);
        // 50 pairs: Step-DPO mean (50 + 40) / 2 = 45.0, DPO (45 + 41) / 2 = 43.0
        assertThat(md).contains("| 50 | 50.0 @10, 40.0 @15 | 45.0 | 45.0 @0, 41.0 | 43.0 |");
        // all: each seed's own full set, with its count; means (70 + 60) / 2 = 65.0 and (69 + 58) / 2 = 63.5
        assertThat(md).contains("| all | 70.0 (1103 pairs) @35, 60.0 (1099 pairs) @35 | 65.0 | 69.0 (585 pairs) @30, "
                + "58.0 (625 pairs) @35 | 63.5 |");
        assertThat(md.lines().filter(l -> l.startsWith("| ")).count()).isEqualTo(3);
    }
}
