package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged model folder is a user error at the command line: exit 2 and one line naming the file and the field. */
@QuarkusMainTest
class DamagedCheckpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void tinyModel() throws Exception {
        model = dir.resolve("model");
        TinyCheckpoint.writeInChildJvm(model);
    }

    @Test
    void aConfigValueOfTheWrongTypeIsOneLineNamingTheField(QuarkusMainLauncher launcher) throws Exception {
        Path damaged = copy("quoted-size");
        ObjectNode config = (ObjectNode) JSON.readTree(damaged.resolve("config.json").toFile());
        config.put("hidden_size", "32");
        JSON.writeValue(damaged.resolve("config.json").toFile(), config);
        LaunchResult r = launcher.launch("generate", "--model", damaged.toString(), "--prompt", "1+1", "--device", "cpu",
                "--max-new-tokens", "2");
        assertUserError(r, "config.json", "hidden_size");
    }

    @Test
    void overlappingTensorsAreOneLineNamingTheFileAndTheTensor(QuarkusMainLauncher launcher) throws Exception {
        Path damaged = copy("overlap");
        Path weights = damaged.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        int headerLength = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectNode header = (ObjectNode) JSON.readTree(new String(bytes, 8, headerLength, StandardCharsets.UTF_8));
        // a tensor reads the bytes of another of the same shape (the sizes agree, only the offsets overlap)
        Map<com.fasterxml.jackson.databind.JsonNode, String> byShape = new java.util.HashMap<>();
        boolean overlapped = false;
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = header.fields(); it.hasNext()
                && !overlapped; ) {
            Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            String twin = byShape.putIfAbsent(e.getValue().get("shape"), e.getKey());
            if (twin != null) {
                ((ObjectNode) e.getValue()).set("data_offsets", header.get(twin).get("data_offsets"));
                overlapped = true;
            }
        }
        assertThat(overlapped).as("two tensors of one shape in " + header).isTrue();
        byte[] json = JSON.writeValueAsBytes(header);
        assertThat(json.length).isLessThanOrEqualTo(headerLength);
        byte[] padded = (new String(json, StandardCharsets.UTF_8) + " ".repeat(headerLength - json.length))
                .getBytes(StandardCharsets.UTF_8);
        System.arraycopy(padded, 0, bytes, 8, headerLength);
        Files.write(weights, bytes);
        LaunchResult r = launcher.launch("generate", "--model", damaged.toString(), "--prompt", "1+1", "--device", "cpu",
                "--max-new-tokens", "2");
        assertUserError(r, "model.safetensors", "overlap");
    }

    private static void assertUserError(LaunchResult r, String file, String what) {
        assertThat(r.exitCode()).as(r.getErrorOutput()).isEqualTo(2);
        String err = r.getErrorOutput();
        assertThat(err).contains("error: ").contains(file).contains(what).doesNotContain("\tat ", "Exception in");
        assertThat(err.strip().lines().filter(l -> l.startsWith("error: ")).count()).isEqualTo(1);
    }

    private static Path copy(String name) throws Exception {
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
