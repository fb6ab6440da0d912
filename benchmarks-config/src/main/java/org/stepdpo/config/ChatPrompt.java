package org.stepdpo.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stepdpo.config.chat.ChatMessage;
import org.stepdpo.config.chat.ChatTemplate;
import org.stepdpo.config.chat.ChatTemplateException;

/**
 * A prompt template of kind {@code chat}: the model's own chat template (from its folder) renders an optional
 * system message and a user message that holds the question, with the generation prompt; the model answers
 * after {@code responsePrefix}. So the prompt is the one vLLM, SGLang and transformers would build for the model.
 *
 * <p>The template is rendered once, with the {@code {question}} placeholder as the question, and the result is
 * an ordinary {@link PromptTemplate} (training data, sampling and provenance all take those). A template that
 * transforms the user's text would transform the placeholder, not the question: of the common ones only
 * Llama 3.x does, trimming it, so there a question's own leading or trailing whitespace is kept.
 *
 * <p>A BOS token the template writes first (Llama 3.x, DeepSeek-R1) is left out of the prompt: this harness's
 * engine encodes prompts with the tokenizer's special tokens, and an OpenAI-compatible {@code /v1/completions}
 * server does the same, so the tokenizer puts the BOS in front and the template's would be a second one.
 *
 * @param name           registry name, e.g. {@code chat}
 * @param description    one line for listings
 * @param system         the system message, or null for none (the template may then add its default one)
 * @param user           the user message, with a {@code {question}} placeholder
 * @param responsePrefix start of the answer that we write and the model continues
 */
public record ChatPrompt(String name, String description, String system, String user, String responsePrefix) {

    public ChatPrompt {
        user = user == null ? PromptTemplate.QUESTION : user;
        if (!user.contains(PromptTemplate.QUESTION)) {
            throw new IllegalArgumentException("template " + name + ": user must contain " + PromptTemplate.QUESTION);
        }
        responsePrefix = responsePrefix == null ? "" : responsePrefix;
        description = description == null ? "" : description;
    }

    /**
     * This prompt rendered by the chat template of {@code modelFolder}.
     *
     * @throws ChatTemplateException when the folder has no chat template, or it fails, or it does not keep the
     *                               question as it is
     */
    public PromptTemplate render(Path modelFolder) {
        ChatTemplate template = ChatTemplate.fromModelFolder(modelFolder);
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            messages.add(ChatMessage.system(system));
        }
        messages.add(ChatMessage.user(user));
        String rendered = template.render(messages, true);
        int first = rendered.indexOf(PromptTemplate.QUESTION);
        if (first < 0 || rendered.indexOf(PromptTemplate.QUESTION, first + 1) >= 0) {
            throw new ChatTemplateException("chat template " + template.source() + " does not keep the user message as "
                    + "it is (" + PromptTemplate.QUESTION + " appears " + (first < 0 ? "0" : "more than 1")
                    + " times in what it renders), so template " + name + " cannot use it");
        }
        String bos = template.bosToken();
        String prompt = bos != null && !bos.isEmpty() && rendered.startsWith(bos) ? rendered.substring(bos.length()) : rendered;
        return new PromptTemplate(name, description, prompt, responsePrefix);
    }
}
