package org.stepdpo.reports.runs;

/**
 * A problem as a run's model saw it.
 *
 * @param problemId       the problem's stable id (as its samples have it)
 * @param question        the problem text
 * @param referenceAnswer the answer the samples were graded against, or null
 */
public record ProblemText(String problemId, String question, String referenceAnswer) {
}
