package org.stepdpo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuitesTest {

    @Test
    void everyBuiltinSuiteLoadsAndNamesAKnownTemplate() {
        for (String name : Suites.builtinNames()) {
            Suite s = Suites.get(name);
            assertThat(s.name()).isEqualTo(name);
            assertThat(PromptTemplates.builtin().names()).contains(s.template());
            assertThat(s.sampling()).containsKeys("k", "temperature", "top_p", "max_tokens");
            assertThat(s.training()).containsKey("step-dpo");
        }
    }

    @Test
    void toySuiteBuildsItsOwnModelOnTheArithTask() {
        Suite toy = Suites.get("toy");
        assertThat(toy.dataset().adapter()).isEqualTo("arith");
        assertThat(toy.model().isBuiltHere()).isTrue();
        assertThat(toy.model().init()).containsEntry("arch", "qwen2");
        assertThat(toy.training()).containsKeys("step-dpo", "dpo");
        assertThat(Suite.value(toy.judge(), "kind", null)).isEqualTo("verifier");
    }

    @Test
    void variablesExpandAndAMissingOneIsNamed() {
        Suite s = Suites.get("gsm8k-qwen2");
        Suite expanded = s.expand(Map.of("STEPDPO_DATA_DIR", "/data", "STEPDPO_MODEL", "/models/q")::get);
        assertThat(expanded.dataset().test()).isEqualTo("/data/gsm8k/test.jsonl");
        assertThat(expanded.model().path()).isEqualTo("/models/q");
        assertThatThrownBy(() -> s.expand(Map.of("STEPDPO_DATA_DIR", "/data")::get))
                .hasMessage("suite gsm8k-qwen2: model.path uses ${STEPDPO_MODEL}, which is not set");
    }

    @Test
    void badSuiteFilesGetClearErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "name: x\ntemplate: step\ndataset: {adapter: arith, train: train}\nmodel: {path: /m}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("s.yaml: dataset: \"test\" is missing");
        Files.writeString(f, "name: x\ntemplate: step\ndataset: {adapter: a, train: t, test: t}\nmodel: {path: /m}\nsamplng: {}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("unknown key \"samplng\"");
        Files.writeString(f, "name: x\ntemplate: step\ndataset: {adapter: a, train: t, test: t}\nmodel: {}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("model needs \"path\"");
        assertThatThrownBy(() -> Suites.get("nope")).hasMessageContaining("unknown suite \"nope\"");
    }
}
