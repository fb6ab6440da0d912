package org.stepdpo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelNamesTest {

    @Test
    void genericFolderNamesKeepTheirParent() {
        assertThat(ModelNames.of(Path.of("/runs/t1/final"))).isEqualTo("t1/final");
        assertThat(ModelNames.of(Path.of("/runs/demo/train-step-dpo/best"))).isEqualTo("train-step-dpo/best");
        assertThat(ModelNames.of(Path.of("/x/checkpoints/step-000100"))).isEqualTo("checkpoints/step-000100");
        assertThat(ModelNames.of(Path.of("/models/Qwen2.5-Math-7B-Instruct"))).isEqualTo("Qwen2.5-Math-7B-Instruct");
        assertThat(ModelNames.of(Path.of("/models/Qwen2.5-Math-7B-Instruct/"))).isEqualTo("Qwen2.5-Math-7B-Instruct");
    }
}
