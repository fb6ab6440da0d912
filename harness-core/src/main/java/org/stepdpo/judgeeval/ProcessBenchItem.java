package org.stepdpo.judgeeval;

import java.util.List;

/**
 * One ProcessBench item (Zheng et al. 2024): a model's solution already cut into steps, labelled by people.
 *
 * @param id                 the item's id, e.g. {@code gsm8k-0}
 * @param generator          the model that wrote the solution
 * @param problem            the problem text
 * @param steps              the solution's steps, in order
 * @param label              0-based index of the earliest wrong step, or -1 when every step is right
 * @param finalAnswerCorrect whether the solution's final answer is right
 */
public record ProcessBenchItem(String id, String generator, String problem, List<String> steps, int label,
                               boolean finalAnswerCorrect) {

    public ProcessBenchItem {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("item " + id + " has no steps");
        }
        if (label < -1 || label >= steps.size()) {
            throw new IllegalArgumentException("item " + id + ": label " + label + " is neither -1 nor one of its "
                    + steps.size() + " steps");
        }
    }
}
