package org.stepdpo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.cli.ChatModelFolder;
import org.stepdpo.config.Suites;

/** A suite's {@code template: chat} (run, demo, regress, data-efficiency) renders with its model.path's chat template. */
class SuiteTemplateTest {

    @Test
    void chatTemplatesComeFromTheSuitesModelFolder(@TempDir Path dir) {
        Path model = ChatModelFolder.write(dir.resolve("model"));
        var suite = Suites.get("toy", List.of("template=chat", "model.path=" + model));
        assertThat(DemoRunner.template(suite).generationPrompt("2+2?"))
                .isEqualTo("<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void aModelBuiltHereHasNoChatTemplate() {
        var suite = Suites.get("toy", List.of("template=chat"));
        assertThatThrownBy(() -> DemoRunner.template(suite)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("suite toy: template chat is the model's own chat template, but the model is built here "
                        + "(no model.path), without one");
        assertThat(DemoRunner.template(Suites.get("toy")).name()).isEqualTo("step");
    }
}
