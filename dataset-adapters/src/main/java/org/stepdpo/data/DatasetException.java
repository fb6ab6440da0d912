package org.stepdpo.data;

import java.nio.file.Path;

/**
 * A data file could not be read. The message always names the file, the 1-based line and, where it
 * applies, the field, e.g. {@code data/test.jsonl:17: field "answer" is missing}.
 */
public class DatasetException extends RuntimeException {
    private final Path file;
    private final int line;
    private final String field;

    public DatasetException(Path file, int line, String field, String problem) {
        super(file + ":" + line + ": " + (field == null ? "" : "field \"" + field + "\" ") + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public DatasetException(Path file, int line, String field, String problem, Throwable cause) {
        this(file, line, field, problem);
        initCause(cause);
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, 0 when the whole file is at fault. */
    public int line() {
        return line;
    }

    /** The missing or malformed field, or null. */
    public String field() {
        return field;
    }
}
