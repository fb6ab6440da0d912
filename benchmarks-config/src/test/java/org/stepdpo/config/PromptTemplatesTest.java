package org.stepdpo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTemplatesTest {

    @Test
    void builtinTemplatesRenderThePaperFormats() {
        PromptTemplates templates = PromptTemplates.builtin();
        assertThat(templates.names()).contains("step", "qwen2-boxed-step", "alpaca-step", "deepseek-math-step");
        PromptTemplate qwen = templates.get("qwen2-boxed-step");
        String text = qwen.generationPrompt("What is 1+1?");
        assertThat(text).startsWith("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is 1+1?\n")
                .contains("Please reason step by step, and put your final answer within \\boxed{}.<|im_end|>")
                .endsWith("<|im_start|>assistant\nLet's think step by step.\nStep 1: ");
        assertThat(templates.get("step").generationPrompt("Q"))
                .isEqualTo("Question: Q\nAnswer: Let's think step by step.\nStep 1:");
    }

    @Test
    void unknownTemplateNamesTheKnownOnes() {
        assertThatThrownBy(() -> PromptTemplates.builtin().get("nope"))
                .hasMessageContaining("unknown prompt template \"nope\"").hasMessageContaining("qwen2-boxed-step");
    }

    @Test
    void userFileAddsAndOverridesAndIsChecked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "templates:\n  mine:\n    prompt: \"Q: {question}\\nA:\"\n  step:\n    prompt: \"{question}\"\n");
        PromptTemplates t = PromptTemplates.builtin().with(file);
        assertThat(t.get("mine").generationPrompt("x")).isEqualTo("Q: x\nA:");
        assertThat(t.get("step").generationPrompt("x")).isEqualTo("x");
        Files.writeString(file, "templates:\n  bad:\n    prompt: \"no placeholder\"\n");
        assertThatThrownBy(() -> PromptTemplates.builtin().with(file))
                .hasMessageContaining("t.yaml").hasMessageContaining("bad").hasMessageContaining("{question}");
    }
}
