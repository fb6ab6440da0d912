package org.stepdpo.engine.training.data;

import java.nio.file.Path;

/** A training record that cannot be used: names the file, the 1-based line and the field. */
public class TrainingDataException extends IllegalArgumentException {

    private final Path file;
    private final int line;
    private final String field;

    public TrainingDataException(Path file, int line, String field, String problem) {
        super(file + ":" + line + ": " + (field == null ? "" : "field \"" + field + "\" ") + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
