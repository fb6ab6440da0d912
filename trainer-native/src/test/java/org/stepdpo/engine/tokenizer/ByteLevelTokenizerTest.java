package org.stepdpo.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteLevelTokenizerTest {

    @TempDir
    Path dir;

    @Test
    void builtInTokenizerLoadsAndRoundTripsAnyText() {
        ByteLevelTokenizerFiles.write(dir);
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            String text = "Step 1: 12 × 3 = 36\n\tÜbergröße – ∑ ≠ 😀 \\boxed{42}  ";
            int[] ids = tok.encode(text, true);
            assertThat(ids).hasSize(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            assertThat(tok.decode(ids)).isEqualTo(text);
            assertThat(tok.encode("A", false)).containsExactly('A');
            assertThat(tok.tokenId(ByteLevelTokenizerFiles.END_OF_TEXT)).isEqualTo(ByteLevelTokenizerFiles.END_OF_TEXT_ID);
            assertThat(tok.decode(new int[] {'h', 'i', ByteLevelTokenizerFiles.END_OF_TEXT_ID})).isEqualTo("hi");
        }
    }

    @Test
    void roundTripsTheSharedBenchmarkText() throws IOException {
        Path data = dataDir();
        Assumptions.assumeTrue(Files.isDirectory(data), "shared data folder " + data + " absent: skipped");
        List<String> texts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                try (Stream<String> lines = Files.lines(f)) {
                    lines.limit(200).forEach(line -> {
                        try {
                            JsonNode n = json.readTree(line);
                            n.fields().forEachRemaining(e -> {
                                if (e.getValue().isTextual()) {
                                    texts.add(e.getValue().asText());
                                }
                            });
                        } catch (IOException e) {
                            throw new IllegalStateException(f + ": " + e.getMessage(), e);
                        }
                    });
                }
            }
        }
        Assumptions.assumeFalse(texts.isEmpty(), "no JSONL text under " + data);
        ByteLevelTokenizerFiles.write(dir);
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            for (String text : texts) {
                assertThat(tok.decode(tok.encode(text, true))).isEqualTo(text);
            }
        }
        assertThat(texts.size()).isGreaterThan(100);
    }

    static Path dataDir() {
        String configured = System.getProperty("stepdpo.data.dir");
        if (configured != null && !configured.isBlank() && !configured.contains("${")) {
            return Path.of(configured);
        }
        return Path.of("../../shared/data");
    }
}
