package org.stepdpo.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.engine.device.NativeTorch;

/**
 * Damaged safetensors headers, written by hand: each must fail as a {@link CheckpointException} whose one
 * line names the file and the tensor or field at fault, before any tensor reaches libtorch.
 */
class SafetensorsHeaderTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        NativeTorch.ensureLoaded();
    }

    @Test
    void overlappingDataOffsetsAreRefusedNamingBothTensors() throws IOException {
        // "b" would read the second half of "a" and the first half of its own bytes
        Path file = raw("overlap.safetensors", """
                {"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
                 "b": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]}}""", new float[6]);
        assertRefused(file).hasMessageContaining("tensor \"b\"").hasMessageContaining("data_offsets [8, 24]")
                .hasMessageContaining("overlap \"a\"");
    }

    @Test
    void aNegativeShapeEntryIsRefusedBeforeLibtorchSeesIt() throws IOException {
        // (-320) x (-1) elements x 4 bytes = 1280 bytes: the byte count alone would not catch it
        Path file = raw("negative.safetensors", """
                {"w": {"dtype": "F32", "shape": [-320, -1], "data_offsets": [0, 1280]}}""", new float[320]);
        assertRefused(file).hasMessageContaining("tensor \"w\"").hasMessageContaining("shape")
                .hasMessageContaining("-320");
    }

    @Test
    void aTruncatedFileIsRefusedNamingTheTensorPastTheEnd() throws IOException {
        Path file = raw("truncated.safetensors", """
                {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                 "b": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]}}""", new float[6]);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        assertRefused(file).hasMessageContaining("tensor \"b\"").hasMessageContaining("data_offsets [8, 24]")
                .hasMessageContaining("truncated");
    }

    @Test
    void aByteCountThatDisagreesWithShapeAndDtypeIsRefused() throws IOException {
        Path file = raw("count.safetensors", """
                {"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 16]}}""", new float[4]);
        assertRefused(file).hasMessageContaining("tensor \"w\"").hasMessageContaining("16 bytes")
                .hasMessageContaining("24");
    }

    @Test
    void aHoleBetweenTensorsIsRefused() throws IOException {
        Path file = raw("hole.safetensors", """
                {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                 "b": {"dtype": "F32", "shape": [2], "data_offsets": [12, 20]}}""", new float[5]);
        assertRefused(file).hasMessageContaining("tensor \"b\"").hasMessageContaining("[8, 12)");
    }

    @Test
    void bytesAfterTheLastTensorAreRefused() throws IOException {
        Path file = raw("tail.safetensors", """
                {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}""", new float[3]);
        assertRefused(file).hasMessageContaining("tensor \"a\"").hasMessageContaining("4 bytes");
    }

    @Test
    void anUnknownDtypeIsRefusedNamingTheTensorAndTheDtype() throws IOException {
        Path file = raw("dtype.safetensors", """
                {"w": {"dtype": "F99", "shape": [2], "data_offsets": [0, 8]}}""", new float[2]);
        assertRefused(file).hasMessageContaining("tensor \"w\"").hasMessageContaining("dtype \"F99\"");
    }

    @Test
    void dataOffsetsMustBeTwoOrderedIntegers() throws IOException {
        Path three = raw("three.safetensors", """
                {"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8, 8]}}""", new float[2]);
        assertRefused(three).hasMessageContaining("tensor \"w\"").hasMessageContaining("data_offsets");
        Path text = raw("text.safetensors", """
                {"w": {"dtype": "F32", "shape": [2], "data_offsets": ["0", 8]}}""", new float[2]);
        assertRefused(text).hasMessageContaining("tensor \"w\"").hasMessageContaining("data_offsets");
        Path backwards = raw("backwards.safetensors", """
                {"w": {"dtype": "F32", "shape": [0], "data_offsets": [8, 0]}}""", new float[2]);
        assertRefused(backwards).hasMessageContaining("tensor \"w\"").hasMessageContaining("data_offsets [8, 0]");
    }

    @Test
    void aHeaderThatIsNotAJsonObjectIsRefusedOnOneLine() throws IOException {
        Path broken = raw("broken.safetensors", "{\"w\": {\"dtype\": ", new float[0]);
        assertRefused(broken).hasMessageContaining("header");
        Path array = raw("array.safetensors", "[1, 2]", new float[0]);
        assertRefused(array).hasMessageContaining("header");
        Path twice = raw("twice.safetensors", """
                {"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
                 "w": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}""", new float[2]);
        assertRefused(twice).hasMessageContaining("Duplicate field 'w'");
    }

    @Test
    void aHeaderLengthBeyondTheFileIsRefused() throws IOException {
        Path file = dir.resolve("length.safetensors");
        Files.write(file, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        assertRefused(file).hasMessageContaining("header length");
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[3]);
        assertRefused(tiny).hasMessageContaining("3 bytes");
    }

    @Test
    void metadataMustMapStringsToStrings() throws IOException {
        Path file = raw("meta.safetensors", """
                {"__metadata__": {"format": "pt", "step": 7},
                 "w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}""", new float[1]);
        assertRefused(file).hasMessageContaining("__metadata__").hasMessageContaining("\"step\"");
    }

    @Test
    void aValidHandWrittenFileIsReadWithItsMetadataAndEmptyTensors() throws IOException {
        Path file = raw("ok.safetensors", """
                {"__metadata__": {"format": "pt"},
                 "empty": {"dtype": "BF16", "shape": [0, 3], "data_offsets": [8, 8]},
                 "b": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12]},
                 "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}""", new float[] {1, 2, 3});
        SafetensorsHeader header = SafetensorsHeader.read(file);
        assertThat(header.tensors().keySet()).containsExactly("empty", "b", "a");
        assertThat(header.metadata()).isEqualTo(Map.of("format", "pt"));
        assertThat(SafetensorsFile.read(file).get("b").item_float()).isEqualTo(3f);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file) {
        return assertThatThrownBy(() -> SafetensorsFile.read(file)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.getFileName().toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** A safetensors file written byte by byte: length, {@code header} verbatim, then {@code data} as fp32. */
    private Path raw(String name, String header, float[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        for (float f : data) {
            b.putFloat(f);
        }
        Path file = dir.resolve(name);
        Files.write(file, b.array());
        return file;
    }
}
