package org.stepdpo.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetAdaptersTest {

    @Test
    void everyAdapterIsDiscoveredThroughTheServiceFile() {
        assertThat(DatasetAdapters.names())
                .contains("aime", "amc", "gsm8k", "jsonl", "math", "math500")
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(DatasetAdapters.all()).allSatisfy(adapter -> {
            assertThat(adapter.description()).isNotBlank();
            assertThat(DatasetAdapters.byName(adapter.name())).isInstanceOf(adapter.getClass());
        });
    }

    @Test
    void byNameFindsEachAdapter() {
        assertThat(DatasetAdapters.byName("gsm8k")).isInstanceOf(Gsm8kAdapter.class);
        assertThat(DatasetAdapters.byName("math")).isInstanceOf(MathAdapter.class);
        assertThat(DatasetAdapters.byName("math500")).isInstanceOf(Math500Adapter.class);
        assertThat(DatasetAdapters.byName("aime")).isInstanceOf(AimeAdapter.class);
        assertThat(DatasetAdapters.byName("amc")).isInstanceOf(AmcAdapter.class);
        assertThat(DatasetAdapters.byName("jsonl")).isInstanceOf(GenericJsonlAdapter.class);
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> DatasetAdapters.byName("gsm9k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown dataset adapter \"gsm9k\"; known adapters: "
                        + String.join(", ", DatasetAdapters.names()));
    }
}
