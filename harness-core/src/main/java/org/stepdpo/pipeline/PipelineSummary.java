package org.stepdpo.pipeline;

import java.util.Map;

/**
 * The counts of one data iteration, written to summary.json.
 *
 * @param problems        problems sampled
 * @param samples         answers sampled (problems × k)
 * @param correctSamples  answers whose final answer is right
 * @param passAt1         mean over problems of the share of right answers (docs/METRICS.md); null without answers
 * @param meanSteps       mean number of steps per answer; null without answers
 * @param errors          wrong answers (error collection)
 * @param localized       wrong answers whose first wrong step the judge named
 * @param noErrorFound    wrong answers in which the judge found no wrong step
 * @param undecided       wrong answers the judge could not decide
 * @param rectifications  continuations sampled
 * @param rightContinuations continuations whose final answer is right
 * @param rectified       localized wrong answers with at least one right continuation
 * @param pairs           step pairs written
 * @param dropped         candidates each pair rule dropped
 * @param wholeAnswerPairs vanilla DPO pairs written
 */
public record PipelineSummary(int problems, int samples, int correctSamples, Double passAt1, Double meanSteps,
                              int errors, int localized, int noErrorFound, int undecided, int rectifications,
                              int rightContinuations, int rectified, int pairs, Map<String, Integer> dropped, int wholeAnswerPairs) {
}
