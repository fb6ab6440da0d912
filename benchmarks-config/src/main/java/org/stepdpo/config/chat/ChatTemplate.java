package org.stepdpo.config.chat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's own chat template (the Jinja text in its {@code tokenizer_config.json} or {@code chat_template.jinja}),
 * rendered as transformers' {@code apply_chat_template(messages, tokenize=False, add_generation_prompt=...)}
 * renders it, so that the prompt this project builds is the one vLLM, SGLang and transformers would build.
 *
 * <p>The template sees {@code messages}, {@code add_generation_prompt}, {@code tools} (none), the model's
 * {@code bos_token} and {@code eos_token} where it has them, and the functions {@code raise_exception} and
 * {@code strftime_now}.
 */
public final class ChatTemplate {

    private final String source;
    private final String text;
    private final String bosToken;
    private final String eosToken;
    private final Jinja2Environment environment;

    private ChatTemplate(String source, String text, String bosToken, String eosToken, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.text = Objects.requireNonNull(text, "text");
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.environment = new Jinja2Environment(clock);
    }

    /**
     * A template given as text.
     *
     * @param source   where it comes from (a file), named in error messages
     * @param bosToken the model's BOS token text, or null when it has none
     * @param eosToken the model's EOS token text, or null when it has none
     */
    public static ChatTemplate of(String source, String text, String bosToken, String eosToken) {
        return new ChatTemplate(source, text, bosToken, eosToken, Clock.systemDefaultZone());
    }

    /**
     * The chat template of a Hugging Face model folder.
     *
     * @throws ChatTemplateException when the folder has none or its files cannot be read (one line naming the
     *                               folder)
     */
    public static ChatTemplate fromModelFolder(Path folder) {
        return ChatTemplateFiles.load(folder);
    }

    /** The same template with {@code strftime_now} reading {@code clock}. */
    ChatTemplate withClock(Clock clock) {
        return new ChatTemplate(source, text, bosToken, eosToken, clock);
    }

    /** Where the template comes from (a file). */
    public String source() {
        return source;
    }

    /** The model's BOS token text, or null when it has none. */
    public String bosToken() {
        return bosToken;
    }

    /** The template's Jinja text. */
    public String text() {
        return text;
    }

    /**
     * The conversation as the model reads it.
     *
     * @param addGenerationPrompt end with the start of the assistant's turn (what generation continues)
     * @throws ChatTemplateException when the template fails or refuses the messages
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("messages", messages.stream().map(ChatMessage::asMap).toList());
        variables.put("add_generation_prompt", addGenerationPrompt);
        variables.put("tools", null);
        if (bosToken != null) {
            variables.put("bos_token", bosToken);
        }
        if (eosToken != null) {
            variables.put("eos_token", eosToken);
        }
        return environment.render(source, text, variables);
    }
}
