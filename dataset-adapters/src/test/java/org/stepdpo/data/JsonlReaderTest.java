package org.stepdpo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonlReaderTest {
    @TempDir
    Path dir;

    /** id = field "id", question = field "q", answer = "a"; records the lines it saw. */
    private final List<Integer> linesSeen = new ArrayList<>();

    private Problem parse(JsonRecord record) {
        linesSeen.add(record.line());
        return new Problem(record.requireString("id"), record.row(), record.requireString("q"), null, "a", Map.of());
    }

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("records.jsonl"), content, StandardCharsets.UTF_8);
    }

    @Test
    void blankLinesAreIgnoredButCountedAsLines() throws IOException {
        Path file = file("\n{\"id\":\"a\",\"q\":\"first\"}\r\n   \n\n{\"id\":\"b\",\"q\":\"second\"}");

        LoadResult result = JsonlReader.load(file, false, this::parse);

        assertThat(result.problems()).extracting(Problem::id).containsExactly("a", "b");
        assertThat(result.problems()).extracting(Problem::index).containsExactly(0, 1);
        assertThat(linesSeen).containsExactly(2, 5);
        assertThat(result.skipped()).isEmpty();
    }

    @Test
    void invalidJsonNamesFileAndLine() throws IOException {
        Path file = file("{\"id\":\"a\",\"q\":\"x\"}\n{\"id\": \"b\", \"q\": \n");

        assertThatThrownBy(() -> JsonlReader.load(file, false, this::parse))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(file + ":2: invalid JSON: ")
                .satisfies(e -> assertThat(((DatasetException) e).line()).isEqualTo(2));
    }

    @Test
    void textAfterTheObjectIsInvalidJson() throws IOException {
        Path file = file("{\"id\":\"a\",\"q\":\"x\"} {\"id\":\"b\",\"q\":\"y\"}\n");

        assertThatThrownBy(() -> JsonlReader.load(file, false, this::parse))
                .hasMessageStartingWith(file + ":1: invalid JSON: ");
    }

    @Test
    void aLineThatIsNotAnObjectIsRejected() throws IOException {
        Path file = file("\"just a string\"\n");

        assertThatThrownBy(() -> JsonlReader.load(file, false, this::parse))
                .hasMessage(file + ":1: expected a JSON object, got string");
    }

    @Test
    void missingFileFailsWithLineZero() {
        Path file = dir.resolve("absent.jsonl");

        assertThatThrownBy(() -> JsonlReader.load(file, true, this::parse))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ":0: file not found")
                .satisfies(e -> assertThat(((DatasetException) e).line()).isZero());
    }

    @Test
    void directoryIsNotAFile() {
        assertThatThrownBy(() -> JsonlReader.load(dir, false, this::parse))
                .hasMessage(dir + ":0: is a directory, expected a JSONL file");
    }

    @Test
    void invalidUtf8IsReportedOnItsLine() throws IOException {
        Path file = dir.resolve("latin1.jsonl");
        byte[] good = "{\"id\":\"a\",\"q\":\"x\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"id\":\"b\",\"q\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] both = new byte[good.length + bad.length];
        System.arraycopy(good, 0, both, 0, good.length);
        System.arraycopy(bad, 0, both, good.length, bad.length);
        Files.write(file, both);

        assertThatThrownBy(() -> JsonlReader.load(file, false, this::parse))
                .hasMessage(file + ":2: is not valid UTF-8");
    }

    @Test
    void byteOrderMarkIsNotPartOfTheFirstRecord() throws IOException {
        Path file = file("\uFEFF{\"id\":\"a\",\"q\":\"x\"}\n");

        assertThat(JsonlReader.load(file, false, this::parse).problems()).extracting(Problem::id).containsExactly("a");
    }

    @Test
    void duplicateIdsAreRejectedNamingTheFirstLine() throws IOException {
        Path file = file("{\"id\":\"a\",\"q\":\"x\"}\n{\"id\":\"b\",\"q\":\"y\"}\n{\"id\":\"a\",\"q\":\"z\"}\n");

        assertThatThrownBy(() -> JsonlReader.load(file, false, this::parse))
                .hasMessage(file + ":3: duplicate problem id \"a\" (first on line 1)");
    }

    @Test
    void skipInvalidKeepsGoodRecordsAndReportsTheOthers() throws IOException {
        Path file = file("{\"id\":\"a\",\"q\":\"x\"}\nnot json\n{\"id\":\"b\"}\n\n{\"id\":\"c\",\"q\":\"z\"}\n");

        LoadResult result = JsonlReader.load(file, true, this::parse);

        assertThat(result.problems()).extracting(Problem::id).containsExactly("a", "c");
        // rows count every non-blank line, skipped or not, so indexes do not move when records are skipped
        assertThat(result.problems()).extracting(Problem::index).containsExactly(0, 3);
        assertThat(result.skipped()).extracting(LoadResult.SkippedRecord::line).containsExactly(2, 3);
        assertThat(result.skipped().get(0).message()).startsWith(file + ":2: invalid JSON: ");
        assertThat(result.skipped().get(1).message()).isEqualTo(file + ":3: field \"q\" is missing");
    }
}
