package org.stepdpo.evaluation;

import java.util.List;

/**
 * The completions that one line of a completions file gives for one problem.
 *
 * @param line        1-based line in the completions file
 * @param idx         0-based row of the problem in the data file, or null when {@code id} is used
 * @param id          the problem's id, or null when {@code idx} is used
 * @param completions one or more sampled completions
 */
public record CompletionSet(int line, Integer idx, String id, List<String> completions) {
    public CompletionSet {
        completions = List.copyOf(completions);
    }
}
