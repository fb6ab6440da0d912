package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRecipeTest {

    @Test
    void aPipelineOnABuiltModelWithOtherTaskOptionsIsNamedOptionByOption(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("recipe.json"), """
                {"dataset": {"adapter": "arith", "trainOptions": {"max_steps": "3", "max_operand": "20", "n": "2000"}},
                 "template": {"name": "step"}}""");
        Path model = Files.createDirectories(dir.resolve("sft/final"));
        assertThat(ModelRecipe.differences(model, "arith", Map.of(), "step"))
                .containsExactlyInAnyOrder("max_steps=3 (here: the default)", "max_operand=20 (here: the default)");
        assertThat(ModelRecipe.differences(model, "arith", Map.of("max_steps", "3", "max_operand", "20", "n", "50"),
                "step")).isEmpty();
        assertThat(ModelRecipe.differences(model, "arith", Map.of("max_steps", "3", "max_operand", "20"), "qwen2-boxed"))
                .containsExactly("template step (here: qwen2-boxed)");
        assertThat(ModelRecipe.differences(model, "gsm8k", Map.of(), "step")).containsExactly("adapter arith (here: gsm8k)");
        assertThat(ModelRecipe.differences(Files.createDirectories(dir.resolve("elsewhere/a/b/c")), "arith", Map.of(),
                "step")).isEmpty();
    }
}
