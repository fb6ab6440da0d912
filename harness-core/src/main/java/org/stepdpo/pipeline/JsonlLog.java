package org.stepdpo.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only JSONL file that survives {@code kill -9}: each record goes out as one complete line in
 * one write, at once; on opening, the records already there are read back and a torn last line (a
 * write cut short) is cut off. Whole files that are derived at once are written with
 * {@link #writeAtomically}: a reader sees all of them or none.
 */
public final class JsonlLog<T> implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private final List<T> existing;
    private final FileOutputStream out;

    private JsonlLog(Path file, List<T> existing, FileOutputStream out) {
        this.file = file;
        this.existing = existing;
        this.out = out;
    }

    /** Opens (creating) {@code file} for appending, after reading its complete records as {@code type}. */
    public static <T> JsonlLog<T> open(Path file, Class<T> type) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            List<T> records = Files.exists(file) ? readRepairing(file, type) : new ArrayList<>();
            return new JsonlLog<>(file, records, new FileOutputStream(file.toFile(), true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** The records that were in the file when it was opened. */
    public List<T> existing() {
        return existing;
    }

    public Path file() {
        return file;
    }

    /** Appends one record as one line, written through at once. */
    public void append(T record) {
        try {
            out.write((JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    /** All records of a complete file; a malformed line fails naming file and line. */
    public static <T> List<T> readAll(Path file, Class<T> type) {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code records} to a temporary file and moves it over {@code file} in one step. */
    public static void writeAtomically(Path file, List<?> records) {
        StringBuilder text = new StringBuilder();
        try {
            for (Object r : records) {
                text.append(JSON.writeValueAsString(r)).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        writeStringAtomically(file, text.toString());
    }

    static void writeStringAtomically(Path file, String text) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T> List<T> readRepairing(Path file, Class<T> type) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int complete = bytes.length;
        while (complete > 0 && bytes[complete - 1] != '\n') {
            complete--;
        }
        if (complete < bytes.length) {
            // The last write was cut short by a crash: that record was never finished, so it is redone.
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(complete);
                channel.force(true);
            }
        }
        return parse(file, StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, complete)).toString(), type);
    }

    private static <T> List<T> parse(Path file, String text, Class<T> type) {
        List<T> records = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                records.add(JSON.readValue(lines[i], type));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": not a " + type.getSimpleName() + " record ("
                        + e.getOriginalMessage() + ")", e);
            }
        }
        return records;
    }
}
