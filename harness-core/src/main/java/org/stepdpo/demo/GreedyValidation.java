package org.stepdpo.demo;

import java.util.List;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.Problem;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.training.validation.Validation;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.NativeGenerator;

/**
 * Greedy accuracy of the model being trained on held-out problems ({@link ValidationProblems}), graded by the
 * adapter: the score by which the demo keeps the best preference-training checkpoint.
 *
 * @param maxTokens the suite's {@code evaluation.max_tokens}, as the test evaluation uses
 */
record GreedyValidation(PromptTemplate template, DatasetAdapter adapter, List<Problem> problems, int maxTokens)
        implements Validation {

    GreedyValidation {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("greedy validation needs at least one problem");
        }
        problems = List.copyOf(problems);
    }

    @Override
    public double score(TorchLanguageModel live, int step) {
        // not owned: the trainer's live model, which the generator must leave open
        try (NativeGenerator generator = new NativeGenerator(live, "live model at step " + step, false)) {
            return accuracy(generator);
        }
    }

    /** Share of the problems whose greedy answer the adapter grades right. */
    double accuracy(Generator generator) {
        List<String> answers = Answers.greedy(generator, template, problems, maxTokens, done -> { });
        int correct = 0;
        for (int i = 0; i < problems.size(); i++) {
            correct += adapter.grade(problems.get(i), answers.get(i)).correct() ? 1 : 0;
        }
        return (double) correct / problems.size();
    }
}
