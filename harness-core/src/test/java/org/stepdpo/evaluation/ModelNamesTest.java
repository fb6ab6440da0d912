package org.stepdpo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelNamesTest {

    @Test
    void genericFolderNamesKeepTheirParent() {
        assertThat(ModelNames.of(Path.of("/runs/t1/final"))).isEqualTo("t1/final");
        assertThat(ModelNames.of(Path.of("/runs/demo/train-step-dpo/best"))).isEqualTo("train-step-dpo/best");
        assertThat(ModelNames.of(Path.of("/x/checkpoints/step-000100"))).isEqualTo("x/checkpoints/step-000100");
        assertThat(ModelNames.of(Path.of("/home/u/models/sft-0054ffccbdf868d9/sft/final")))
                .isEqualTo("sft-0054ffccbdf868d9/sft/final");
        assertThat(ModelNames.of(Path.of("/final"))).isEqualTo("final");
        assertThat(ModelNames.of(Path.of("/models/Qwen2.5-Math-7B-Instruct"))).isEqualTo("Qwen2.5-Math-7B-Instruct");
        assertThat(ModelNames.of(Path.of("/models/Qwen2.5-Math-7B-Instruct/"))).isEqualTo("Qwen2.5-Math-7B-Instruct");
    }
}
