package org.stepdpo.config.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each place where jinjava and Python's Jinja2 disagree on what chat templates use, as a small template of
 * src/test/resources/chat-templates/snippets.json, renders as Jinja2 renders it (expected/snippets/NAME.txt,
 * written by render_expected.py): string methods, tojson, {@code not x is defined}, keyword arguments, slices,
 * trim, tests, {@code in}, whitespace control, the final newline, loops and concatenation.
 */
class Jinja2SnippetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> snippets() throws IOException {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = snippetFile().get("snippets").fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void rendersAsJinja2(String name) throws IOException {
        JsonNode file = snippetFile();
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode m : file.get("messages")) {
            messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
        }
        String template = file.get("snippets").get(name).get("template").asText();

        String rendered = ChatTemplate.of(name, template, null, null).render(messages, true);

        assertThat(rendered).isEqualTo(ChatTemplateFixturesTest.text("expected/snippets/" + name + ".txt"));
    }

    private static JsonNode snippetFile() throws IOException {
        return JSON.readTree(ChatTemplateFixturesTest.text("snippets.json"));
    }
}
