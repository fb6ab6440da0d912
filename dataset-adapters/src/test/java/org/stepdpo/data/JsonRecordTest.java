package org.stepdpo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonRecordTest {
    @TempDir
    Path dir;

    private Path file;

    /** The record read from a one-line file, so that errors name a real file and line 1. */
    private JsonRecord record(String json) throws IOException {
        file = Files.writeString(dir.resolve("one.jsonl"), json + "\n");
        AtomicReference<JsonRecord> seen = new AtomicReference<>();
        JsonlReader.load(file, false, record -> {
            seen.set(record);
            return new Problem("p", record.row(), "q", null, "a", Map.of());
        });
        return seen.get();
    }

    @Test
    void requireStringReportsMissingWrongTypeAndBlank() throws IOException {
        JsonRecord record = record("{\"a\": {\"x\": 1}, \"b\": \"  \", \"c\": 5, \"d\": null, \"e\": \"ok\"}");

        assertThat(record.requireString("e")).isEqualTo("ok");
        assertThatThrownBy(() -> record.requireString("a"))
                .hasMessage(file + ":1: field \"a\" must be a string, got an object");
        assertThatThrownBy(() -> record.requireString("b")).hasMessage(file + ":1: field \"b\" is blank");
        assertThatThrownBy(() -> record.requireString("c"))
                .hasMessage(file + ":1: field \"c\" must be a string, got a number (5)");
        assertThatThrownBy(() -> record.requireString("d")).hasMessage(file + ":1: field \"d\" is missing");
        assertThatThrownBy(() -> record.requireString("zz"))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ":1: field \"zz\" is missing")
                .satisfies(e -> assertThat(((DatasetException) e).field()).isEqualTo("zz"));
    }

    @Test
    void optionalStringIsEmptyOnlyWhenAbsentOrNull() throws IOException {
        JsonRecord record = record("{\"a\": null, \"b\": \"text\", \"c\": [1]}");

        assertThat(record.optionalString("a")).isEmpty();
        assertThat(record.optionalString("missing")).isEmpty();
        assertThat(record.optionalString("b")).contains("text");
        assertThatThrownBy(() -> record.optionalString("c"))
                .hasMessage(file + ":1: field \"c\" must be a string, got an array");
    }

    @Test
    void numbersAreWrittenInTheirShortestPlainForm() throws IOException {
        JsonRecord record = record("{\"whole\": 27.0, \"half\": 2.50, \"tenth\": 0.1, \"neg\": -1.0, \"exp\": 1e3,"
                + " \"zero\": 0.000, \"int\": 42, \"text\": \" 025 \", \"flag\": false}");

        assertThat(record.requireNumberOrString("whole")).isEqualTo("27");
        assertThat(record.requireNumberOrString("half")).isEqualTo("2.5");
        assertThat(record.requireNumberOrString("tenth")).isEqualTo("0.1");
        assertThat(record.requireNumberOrString("neg")).isEqualTo("-1");
        assertThat(record.requireNumberOrString("exp")).isEqualTo("1000");
        assertThat(record.requireNumberOrString("zero")).isEqualTo("0");
        assertThat(record.requireNumberOrString("int")).isEqualTo("42");
        assertThat(record.requireNumberOrString("text")).isEqualTo("025");
        assertThatThrownBy(() -> record.requireNumberOrString("flag"))
                .hasMessage(file + ":1: field \"flag\" must be a number or a string, got a boolean (false)");
        assertThatThrownBy(() -> record.requireNumberOrString("none"))
                .hasMessage(file + ":1: field \"none\" is missing");
    }

    @Test
    void optionalIntegerAcceptsWholeNumbersOnly() throws IOException {
        JsonRecord record = record("{\"a\": 7, \"b\": 8.0, \"c\": 8.5, \"d\": \"9\"}");

        assertThat(record.optionalInteger("a")).contains(7L);
        assertThat(record.optionalInteger("b")).contains(8L);
        assertThat(record.optionalInteger("missing")).isEmpty();
        assertThatThrownBy(() -> record.optionalInteger("c"))
                .hasMessage(file + ":1: field \"c\" must be an integer, got a number (8.5)");
        assertThatThrownBy(() -> record.optionalInteger("d"))
                .hasMessage(file + ":1: field \"d\" must be an integer, got a string");
    }

    @Test
    void scalarTextSkipsNullsObjectsAndArrays() throws IOException {
        JsonRecord record = record("{\"s\": \"x\", \"n\": 1.50, \"t\": true, \"z\": null, \"o\": {}, \"arr\": []}");

        assertThat(record.fieldNames()).containsExactly("s", "n", "t", "z", "o", "arr");
        assertThat(record.scalarText("s")).contains("x");
        assertThat(record.scalarText("n")).contains("1.5");
        assertThat(record.scalarText("t")).contains("true");
        assertThat(record.scalarText("z")).isEmpty();
        assertThat(record.scalarText("o")).isEmpty();
        assertThat(record.scalarText("arr")).isEmpty();
    }
}
