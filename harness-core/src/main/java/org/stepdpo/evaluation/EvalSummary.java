package org.stepdpo.evaluation;

import java.util.Map;

/**
 * Aggregate numbers of one evaluation; serialised as {@code summary.json}.
 *
 * @param nProblems  problems with at least one completion
 * @param nSamples   graded completions
 * @param nCorrect   completions judged correct
 * @param accuracy   nCorrect / nSamples
 * @param passAt1    mean over problems of each problem's share of correct completions
 * @param k          the largest number of completions any problem has
 * @param majAtK     majority-vote accuracy when k > 1, else null
 * @param noAnswer   completions in which no final answer was found
 * @param meanSteps  mean number of reasoning steps per completion
 * @param perLevel   accuracy per difficulty level, where the data has levels
 * @param perSubject accuracy per subject/type, where the data has them
 */
public record EvalSummary(int nProblems, int nSamples, int nCorrect, double accuracy, double passAt1,
                          int k, Double majAtK, int noAnswer, double meanSteps,
                          Map<String, GroupAccuracy> perLevel, Map<String, GroupAccuracy> perSubject) {

    /** Accuracy of the completions of one group of problems. */
    public record GroupAccuracy(int n, int correct, double accuracy) {
    }
}
