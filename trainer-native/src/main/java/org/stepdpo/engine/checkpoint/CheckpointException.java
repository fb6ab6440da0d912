package org.stepdpo.engine.checkpoint;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A model folder file (weights, config.json, tokenizer.json) that cannot be read or written as asked: a
 * user's error, not a bug. The message is one line naming the file and the tensor or field.
 */
public class CheckpointException extends RuntimeException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code file} could not be read as JSON. Jackson's own messages run over several lines (they quote the
     * source); this keeps the reason and the line and column only.
     */
    public static CheckpointException unreadableJson(Path file, IOException e) {
        return new CheckpointException(file + ": " + describe(e), e);
    }

    /** One line for a JSON or I/O failure: the reason, and where in the text for a JSON one. */
    public static String describe(IOException e) {
        if (e instanceof JsonProcessingException j) {
            JsonLocation at = j.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return "not valid JSON: " + j.getOriginalMessage().replaceAll("\\s+", " ") + where;
        }
        String m = e.getMessage();
        if ((e instanceof FileNotFoundException || e instanceof NoSuchFileException) && m != null) {
            // "PATH (No such file or directory)" or just "PATH": the caller names the file already
            int reason = m.lastIndexOf(" (");
            return "cannot read: " + (reason >= 0 && m.endsWith(")") ? m.substring(reason + 2, m.length() - 1)
                    : "no such file");
        }
        return "cannot read: " + m;
    }
}
