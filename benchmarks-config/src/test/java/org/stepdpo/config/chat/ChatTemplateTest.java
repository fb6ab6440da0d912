package org.stepdpo.config.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a model folder's chat template comes from, the globals a template gets, and how failures read. */
class ChatTemplateTest {

    private static final List<ChatMessage> HI = List.of(ChatMessage.user("hi"));

    @TempDir
    Path dir;

    @Test
    void chatTemplateJinjaWinsOverTokenizerConfig() throws Exception {
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"chat_template\": \"config\", \"bos_token\": \"<s>\", \"eos_token\": {\"content\": \"</s>\"}}");
        assertThat(ChatTemplate.fromModelFolder(dir).render(HI, true)).isEqualTo("config");

        Files.writeString(dir.resolve("chat_template.jinja"), "{{ bos_token }}{{ messages[0].content }}{{ eos_token }}\n");
        ChatTemplate t = ChatTemplate.fromModelFolder(dir);
        assertThat(t.source()).endsWith("chat_template.jinja");
        assertThat(t.render(HI, true)).isEqualTo("<s>hi</s>");
    }

    @Test
    void aListOfNamedTemplatesUsesTheDefaultOne() throws Exception {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": [{\"name\": \"tool_use\", "
                + "\"template\": \"tools\"}, {\"name\": \"default\", \"template\": \"plain\"}]}");
        assertThat(ChatTemplate.fromModelFolder(dir).render(HI, true)).isEqualTo("plain");
    }

    @Test
    void aFolderWithoutATemplateIsNamedInOneLine() throws Exception {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\"}");
        assertThatThrownBy(() -> ChatTemplate.fromModelFolder(dir)).isInstanceOf(ChatTemplateException.class)
                .hasMessage("model folder " + dir + " has no chat template (no chat_template.jinja, no \"chat_template\" "
                        + "in tokenizer_config.json)");
        assertThatThrownBy(() -> ChatTemplate.fromModelFolder(dir.resolve("missing")))
                .hasMessageContaining("model folder " + dir.resolve("missing") + " does not exist");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": ");
        assertThatThrownBy(() -> ChatTemplate.fromModelFolder(dir)).hasMessageStartingWith("cannot read "
                + dir.resolve("tokenizer_config.json")).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void raiseExceptionFailsNamingTheTemplate() {
        ChatTemplate gemmaLike = ChatTemplate.of("/models/gemma/tokenizer_config.json",
                "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}ok",
                null, null);
        assertThat(gemmaLike.render(HI, true)).isEqualTo("ok");
        assertThatThrownBy(() -> gemmaLike.render(List.of(ChatMessage.system("s"), ChatMessage.user("u")), true))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessage("chat template /models/gemma/tokenizer_config.json refused the messages: System role not supported");
    }

    @Test
    void aTemplateThatDoesNotParseNamesItsFileAndLine() {
        assertThatThrownBy(() -> ChatTemplate.of("t.jinja", "line one\n{{ messages[ }}", null, null).render(HI, true))
                .isInstanceOf(ChatTemplateException.class).hasMessageStartingWith("chat template t.jinja failed at line 2: ");
    }

    @Test
    void strftimeNowFormatsTheClockLikePython() {
        // Python: datetime(2024, 7, 26, 9, 5).strftime(...) gives '26 Jul 2024' and '2024-07-26 09:05, Friday'
        Clock clock = Clock.fixed(Instant.parse("2024-07-26T09:05:00Z"), ZoneOffset.UTC);
        ChatTemplate t = ChatTemplate.of("t", "{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%Y-%m-%d %H:%M, %A') }}",
                null, null).withClock(clock);
        assertThat(t.render(HI, true)).isEqualTo("26 Jul 2024|2024-07-26 09:05, Friday");
    }

    @Test
    void addGenerationPromptAndToolsAreGiven() {
        ChatTemplate t = ChatTemplate.of("t", "{% if add_generation_prompt %}G{% endif %}{% if tools %}T{% endif %}"
                + "{% if bos_token is defined %}B{% endif %}", null, null);
        assertThat(t.render(HI, true)).isEqualTo("G");
        assertThat(t.render(HI, false)).isEmpty();
    }

    @Test
    void floatsInJsonReadAsPythonWritesThem() {
        assertThat(PythonJson.floatRepr(2.5)).isEqualTo("2.5");
        assertThat(PythonJson.floatRepr(1.0)).isEqualTo("1.0");
        assertThat(PythonJson.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PythonJson.floatRepr(123456789012345.6)).isEqualTo("123456789012345.6");
        assertThat(PythonJson.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonJson.floatRepr(0.00001)).isEqualTo("1e-05");
        assertThat(PythonJson.floatRepr(-1.5e-7)).isEqualTo("-1.5e-07");
    }
}
