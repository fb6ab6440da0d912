package org.stepdpo.cli;

import java.io.UncheckedIOException;
import org.stepdpo.data.DatasetException;
import org.stepdpo.engine.checkpoint.CheckpointException;
import picocli.CommandLine;

/**
 * Turns the errors a user can fix (a bad data file, a damaged model folder, a wrong option value, an
 * unreadable file) into one clear line and exit code 2; anything else is a bug and keeps its stack trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    static final int USER_ERROR = 2;

    /** Whether a failure is one the user can fix from its message alone (one line, no trace). */
    static boolean isUserError(Throwable e) {
        return e instanceof DatasetException || e instanceof CheckpointException || e instanceof IllegalArgumentException
                || e instanceof UncheckedIOException || e instanceof IllegalStateException;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (isUserError(e)) {
            cmd.getErr().println("error: " + e.getMessage());
            return USER_ERROR;
        }
        e.printStackTrace(cmd.getErr());
        return 1;
    }
}
