package org.stepdpo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stepdpo.config.chat.ChatMessage;
import org.stepdpo.config.chat.ChatTemplate;
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

    @Test
    void chatTemplatesRenderWithTheModelsOwnTemplate(@TempDir Path dir) throws Exception {
        Path qwen = modelFolder(dir, "Qwen-Qwen2.5-7B-Instruct", null);
        PromptTemplates templates = PromptTemplates.builtin();
        assertThat(templates.isChat("chat")).isTrue();
        assertThat(templates.isChat("qwen2-boxed-step")).isFalse();

        assertThat(templates.get("chat", qwen).generationPrompt("What is 1+1?")).isEqualTo("<|im_start|>system\n"
                + "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\nWhat is 1+1?<|im_end|>\n<|im_start|>assistant\n");
        assertThat(templates.get("chat-boxed", qwen).generationPrompt("What is 1+1?")).isEqualTo("<|im_start|>system\n"
                + "Please reason step by step, and put your final answer within \\boxed{}.<|im_end|>\n"
                + "<|im_start|>user\nWhat is 1+1?<|im_end|>\n<|im_start|>assistant\n");
        // chat-step is the paper's qwen2-boxed-step on the model's own template (Qwen2.5's default system message)
        assertThat(templates.get("chat-step", qwen).generationPrompt("Q")).isEqualTo(templates.get("qwen2-boxed-step")
                .generationPrompt("Q").replace("You are a helpful assistant.", "You are Qwen, created by Alibaba Cloud. "
                        + "You are a helpful assistant."));
    }

    @Test
    void theQuestionGoesWhereTheTemplatePutsTheUserMessage(@TempDir Path dir) throws Exception {
        String question = "Let $x = \\frac{1}{2}$. What is {x}?";
        for (String model : new String[] {"Qwen-Qwen3-0.6B", "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B",
                "meta-llama-Llama-3.1-8B-Instruct"}) {
            Path folder = modelFolder(dir, model, "\"bos_token\": \"<B>\"");
            String direct = ChatTemplate.fromModelFolder(folder).render(List.of(ChatMessage.user(question)), true);
            // the BOS the Llama and DeepSeek templates write first is the tokenizer's to add
            String withoutBos = direct.startsWith("<B>") ? direct.substring(3) : direct;
            assertThat(PromptTemplates.builtin().get("chat", folder).prompt(question)).as(model).isEqualTo(withoutBos);
        }
    }

    @Test
    void theTemplatesBosIsLeftToTheTokenizer(@TempDir Path dir) throws Exception {
        Path llama = modelFolder(dir, "meta-llama-Llama-3.1-8B-Instruct", "\"bos_token\": \"<|begin_of_text|>\"");
        assertThat(ChatTemplate.fromModelFolder(llama).render(List.of(ChatMessage.user("Q")), true))
                .startsWith("<|begin_of_text|><|start_header_id|>system");
        assertThat(PromptTemplates.builtin().get("chat", llama).generationPrompt("Q")).isEqualTo(
                "<|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024"
                        + "\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nQ<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void aChatTemplateWithoutAFolderSaysWhatIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> PromptTemplates.builtin().get("chat"))
                .hasMessage("prompt template \"chat\" is the model's own chat template and needs the model's folder, "
                        + "which is not known here");
        assertThatThrownBy(() -> PromptTemplates.builtin().get("chat-boxed", dir))
                .hasMessage("model folder " + dir + " has no chat template (no chat_template.jinja, no \"chat_template\" "
                        + "in tokenizer_config.json)");
    }

    @Test
    void userFilesAddChatTemplates(@TempDir Path dir) throws Exception {
        Path qwen = modelFolder(dir, "Qwen-Qwen2.5-7B-Instruct", null);
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "templates:\n  mine:\n    kind: chat\n    system: \"Be brief.\"\n"
                + "    user: \"Solve: {question}\"\n    response_prefix: \"Step 1:\"\n");
        assertThat(PromptTemplates.builtin().with(file).get("mine", qwen).generationPrompt("2+2")).isEqualTo(
                "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nSolve: 2+2<|im_end|>\n"
                        + "<|im_start|>assistant\nStep 1:");
        Files.writeString(file, "templates:\n  bad:\n    kind: chat\n    prompt: \"{question}\"\n");
        assertThatThrownBy(() -> PromptTemplates.builtin().with(file)).hasMessageContaining("t.yaml")
                .hasMessageContaining("bad is of kind chat");
        Files.writeString(file, "templates:\n  odd:\n    kind: jinja\n    prompt: \"{question}\"\n");
        assertThatThrownBy(() -> PromptTemplates.builtin().with(file)).hasMessageContaining("unknown kind \"jinja\"");
        Files.writeString(file, "templates:\n  lost:\n    kind: chat\n    user: \"no placeholder\"\n");
        assertThatThrownBy(() -> PromptTemplates.builtin().with(file)).hasMessageContaining("lost")
                .hasMessageContaining("{question}");
    }

    /** A model folder whose tokenizer_config.json holds the fixture chat template {@code name}. */
    private static Path modelFolder(Path dir, String name, String extraField) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        String template;
        try (InputStream in = PromptTemplatesTest.class.getResourceAsStream("/chat-templates/" + name + ".jinja")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ObjectNode config = new ObjectMapper().createObjectNode().put("chat_template", template);
        String json = config.toString();
        if (extraField != null) {
            json = "{" + extraField + "," + json.substring(1);
        }
        Files.writeString(folder.resolve("tokenizer_config.json"), json);
        return folder;
    }
}
