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
 * Answers to prompts in batches: the template's prompt in, the response prefix plus the generated text out (what
 * the adapter grades). The test evaluation and the validation during training take one greedy answer per problem;
 * the headroom evaluation k samples per problem.
 */
final class Answers {

    private static final int BATCH = 64;

    private Answers() {
    }

    /** One greedy answer per problem, in the order of {@code problems}; {@code done} hears each finished batch's size. */
    static List<String> greedy(Generator generator, PromptTemplate template, List<Problem> problems, int maxTokens,
                               IntConsumer done) {
        List<SampleRequest> requests = problems.stream()
                .map(p -> new SampleRequest(template.generationPrompt(p.question()), 0)).toList();
        return of(generator, template, requests, SamplingSettings.greedy(maxTokens), done);
    }

    /** One answer per request, in order. */
    static List<String> of(Generator generator, PromptTemplate template, List<SampleRequest> requests,
                           SamplingSettings sampling, IntConsumer done) {
        List<String> responses = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += BATCH) {
            List<SampleRequest> batch = requests.subList(from, Math.min(requests.size(), from + BATCH));
            for (GeneratedText t : generator.generate(batch, sampling)) {
                responses.add(template.responsePrefix() + t.text());
            }
            done.accept(batch.size());
        }
        return responses;
    }
}
