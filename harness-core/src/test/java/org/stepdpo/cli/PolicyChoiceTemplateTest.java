package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.config.PromptTemplates;

/** {@code --template chat} of pipeline and judge-eval renders with the --model folder's chat template. */
class PolicyChoiceTemplateTest {

    @Test
    void aChatTemplateComesFromTheModelFolder(@TempDir Path dir) {
        PolicyChoice local = new PolicyChoice();
        local.model = ChatModelFolder.write(dir.resolve("qwen"));
        assertThat(local.template(PromptTemplates.builtin(), "chat-boxed").generationPrompt("What is 1+1?")).isEqualTo(
                "<|im_start|>system\nPlease reason step by step, and put your final answer within \\boxed{}.<|im_end|>\n"
                        + "<|im_start|>user\nWhat is 1+1?<|im_end|>\n<|im_start|>assistant\n");
        assertThat(local.template(PromptTemplates.builtin(), "step").generationPrompt("Q"))
                .isEqualTo("Question: Q\nAnswer: Let's think step by step.\nStep 1:");
    }

    @Test
    void aServerModelHasNoFolderHere() {
        PolicyChoice server = new PolicyChoice();
        server.openAi = new PolicyChoice.OpenAiPolicy();
        assertThatThrownBy(() -> server.template(PromptTemplates.builtin(), "chat"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--template chat is the model's own chat template and needs its folder: give --model DIR "
                        + "(the folder of a model behind --openai-url is not known here)");
        assertThat(server.template(PromptTemplates.builtin(), "qwen2-boxed-step").name()).isEqualTo("qwen2-boxed-step");
    }

    @Test
    void aFolderWithoutAChatTemplateIsNamed(@TempDir Path dir) {
        PolicyChoice local = new PolicyChoice();
        local.model = dir;
        assertThatThrownBy(() -> local.template(PromptTemplates.builtin(), "chat"))
                .hasMessage("model folder " + dir + " has no chat template (no chat_template.jinja, no \"chat_template\" "
                        + "in tokenizer_config.json)");
    }
}
