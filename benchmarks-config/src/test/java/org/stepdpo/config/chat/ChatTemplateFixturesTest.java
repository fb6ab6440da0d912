package org.stepdpo.config.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real chat templates of five model families (src/test/resources/chat-templates, sources in its README) render
 * byte for byte as Python's Jinja2 renders them with transformers' settings (the expected files, written by
 * render_expected.py there), for each message list of cases.json.
 *
 * <p>Each template goes through a model folder's {@code tokenizer_config.json}, with the model's BOS/EOS tokens
 * (DeepSeek's as {"content": ...} objects), as {@link ChatTemplate#fromModelFolder} reads it.
 */
class ChatTemplateFixturesTest {

    private static final String DIR = "/chat-templates/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Stream<Arguments> fixtures() {
        JsonNode models = json("models.json");
        JsonNode cases = json("cases.json");
        List<Arguments> out = new ArrayList<>();
        for (Iterator<String> m = models.fieldNames(); m.hasNext(); ) {
            String model = m.next();
            for (Iterator<String> c = cases.fieldNames(); c.hasNext(); ) {
                out.add(Arguments.of(model, c.next()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("fixtures")
    void rendersAsJinja2(String model, String caseName) throws IOException {
        ObjectNode config = JSON.createObjectNode();
        config.put("chat_template", text(model + ".jinja"));
        config.setAll((ObjectNode) json("models.json").get(model));
        Path folder = Files.createDirectories(tmp.resolve(model));
        Files.writeString(folder.resolve("tokenizer_config.json"), config.toPrettyString());

        JsonNode c = json("cases.json").get(caseName);
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode m : c.get("messages")) {
            messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
        }
        String rendered = ChatTemplate.fromModelFolder(folder).render(messages, c.get("add_generation_prompt").asBoolean());

        assertThat(rendered).isEqualTo(text("expected/" + model + "/" + caseName + ".txt"));
    }

    static String text(String resource) {
        try (InputStream in = ChatTemplateFixturesTest.class.getResourceAsStream(DIR + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String resource) {
        try {
            return JSON.readTree(text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
