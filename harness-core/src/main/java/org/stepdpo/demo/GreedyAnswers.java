package org.stepdpo.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.data.Problem;
import org.stepdpo.generation.GeneratedText;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.SamplingSettings;

/**
 * One greedy answer per problem, in batches: the template's prompt in, the response prefix plus the generated
 * text out (what the adapter grades). The demo's test evaluation and its validation during training both use it.
 */
final class GreedyAnswers {

    private static final int BATCH = 64;

    private GreedyAnswers() {
    }

    /** Answers in the order of {@code problems}; {@code done} hears the size of each finished batch. */
    static List<String> of(Generator generator, PromptTemplate template, List<Problem> problems, int maxTokens,
                           IntConsumer done) {
        List<String> responses = new ArrayList<>(problems.size());
        SamplingSettings greedy = SamplingSettings.greedy(maxTokens);
        for (int from = 0; from < problems.size(); from += BATCH) {
            List<SampleRequest> batch = new ArrayList<>();
            for (Problem p : problems.subList(from, Math.min(problems.size(), from + BATCH))) {
                batch.add(new SampleRequest(template.generationPrompt(p.question()), 0));
            }
            for (GeneratedText t : generator.generate(batch, greedy)) {
                responses.add(template.responsePrefix() + t.text());
            }
            done.accept(batch.size());
        }
        return responses;
    }
}
