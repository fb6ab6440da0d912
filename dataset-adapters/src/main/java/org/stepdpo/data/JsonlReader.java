package org.stepdpo.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a JSONL file (one JSON object per line) into {@link Problem}s, the part every adapter shares:
 * line numbers, JSON syntax errors, duplicate ids and the skip-invalid policy. Blank lines are the only
 * thing ignored; every other line becomes a problem, a failure, or (when skipping) a skipped record.
 */
public final class JsonlReader {

    /** Turns one record into a problem, throwing a {@link DatasetException} (see {@link JsonRecord}) when it cannot. */
    @FunctionalInterface
    public interface RecordParser {
        Problem parse(JsonRecord record);
    }

    // Floats as BigDecimal so that "2.50" or "0.1" keep the digits written in the file.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonlReader() {
    }

    /**
     * Parses every non-blank line of {@code file} with {@code parser}. A malformed record fails the load
     * with a {@link DatasetException}, unless {@code skipInvalid}, in which case it is returned in
     * {@link LoadResult#skipped()} with the same message. A file that cannot be read always fails (line 0).
     */
    public static LoadResult load(Path file, boolean skipInvalid, RecordParser parser) {
        List<Problem> problems = new ArrayList<>();
        List<LoadResult.SkippedRecord> skipped = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        scan(file, (line, row, text) -> {
            try {
                Problem problem = parser.parse(new JsonRecord(file, line, row, parseObject(file, line, text)));
                Integer firstLine = lineOfId.putIfAbsent(problem.id(), line);
                if (firstLine != null) {
                    throw new DatasetException(file, line, null,
                            "duplicate problem id \"" + problem.id() + "\" (first on line " + firstLine + ")");
                }
                problems.add(problem);
            } catch (DatasetException invalid) {
                if (!skipInvalid) {
                    throw invalid;
                }
                skipped.add(new LoadResult.SkippedRecord(line, invalid.getMessage()));
            }
        });
        return new LoadResult(problems, skipped);
    }

    /**
     * Parses every non-blank line of {@code file} with {@code parser}, for JSONL files that are not
     * problems (completions, pairs). The first malformed record fails with a {@link DatasetException}.
     */
    public static <T> List<T> readAll(Path file, Function<JsonRecord, T> parser) {
        List<T> out = new ArrayList<>();
        scan(file, (line, row, text) -> out.add(parser.apply(new JsonRecord(file, line, row, parseObject(file, line, text)))));
        return out;
    }

    /** Receives each non-blank line: 1-based line number, 0-based row among non-blank lines, text. */
    private interface LineVisitor {
        void visit(int line, int row, String text);
    }

    private static void scan(Path file, LineVisitor visitor) {
        if (!Files.exists(file)) {
            throw new DatasetException(file, 0, null, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new DatasetException(file, 0, null, "is a directory, expected a JSONL file");
        }
        int line = 0;
        int row = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (nextLine(in, bytes)) {
                line++;
                String text = decode(file, line, bytes);
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (!text.isBlank()) {
                    visitor.visit(line, row++, text);
                }
            }
        } catch (IOException e) {
            throw new DatasetException(file, line, null, "cannot be read: " + e, e);
        }
    }

    /** Reads the next line's bytes (without its terminator) into {@code bytes}; false at end of file. */
    private static boolean nextLine(InputStream in, ByteArrayOutputStream bytes) throws IOException {
        bytes.reset();
        int b = in.read();
        if (b < 0) {
            return false;
        }
        while (b >= 0 && b != '\n') {
            bytes.write(b);
            b = in.read();
        }
        return true;
    }

    // Decoded line by line so that a bad byte is reported on its own line.
    private static String decode(Path file, int line, ByteArrayOutputStream bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        } catch (CharacterCodingException e) {
            throw new DatasetException(file, line, null, "is not valid UTF-8", e);
        }
    }

    private static ObjectNode parseObject(Path file, int line, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DatasetException(file, line, null, "invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new DatasetException(file, line, null,
                    "expected a JSON object, got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return object;
    }
}
