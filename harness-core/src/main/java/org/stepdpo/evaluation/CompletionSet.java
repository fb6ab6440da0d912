package org.stepdpo.evaluation;

import java.util.List;

/**
 * The completions that one line of a completions file gives for one problem.
 *
 * @param line        1-based line in the completions file
 * @param idx         0-based row of the problem in the data file, or null when only {@code id} is given
 * @param id          the problem's id, or null when only {@code idx} is given (when both are, they must agree)
 * @param completions one or more sampled completions
 */
public record CompletionSet(int line, Integer idx, String id, List<String> completions) {
    public CompletionSet {
        completions = List.copyOf(completions);
    }
}
