package org.stepdpo.evaluation;

import java.util.Map;
import org.stepdpo.metrics.AnswerMetrics;

/**
 * Aggregate numbers of one evaluation (docs/METRICS.md); serialised as {@code summary.json}.
 *
 * @param overall    accuracy (first sample per problem, with its counts), pass@1, pass@k, maj@k, mean steps and
 *                   samples without an answer, over all completions
 * @param perLevel   the same per difficulty level, where the data has levels (in name order)
 * @param perSubject the same per subject/type, where the data has them
 */
public record EvalSummary(AnswerMetrics overall, Map<String, AnswerMetrics> perLevel,
                          Map<String, AnswerMetrics> perSubject) {
}
