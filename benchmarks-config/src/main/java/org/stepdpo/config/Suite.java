package org.stepdpo.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark suite: which data, which model, which prompt, how to sample, judge and train. Read from YAML
 * (see {@code stepdpo/suites/*.yaml}); values are kept as text and typed where they are used, so a suite
 * file can carry any hyper-parameter the trainer understands.
 *
 * @param name          suite name, e.g. {@code toy}
 * @param description   one line for listings
 * @param dataset       problems for the pipeline (train) and for evaluation (test)
 * @param template      prompt template name (see {@link PromptTemplates})
 * @param model         {@code path} of a Hugging Face folder, or {@code init}/{@code tokenizer}/{@code sft}
 *                      sections for a model the project creates and trains itself
 * @param sampling      error collection: {@code k}, {@code temperature}, {@code top_p}, {@code max_tokens}
 * @param judge         step localization: {@code kind} (verifier, rollout, llm) and its options
 * @param rectification {@code n}: continuations per first wrong step
 * @param pairs         pair-builder limits
 * @param training      hyper-parameters per objective ({@code step-dpo}, {@code dpo}, {@code sft})
 * @param evaluation    evaluation settings, e.g. {@code max_tokens}
 * @param regress       how {@code stepdpo regress} gates a run against the suite's baseline
 * @param benchmarks    more test sets evaluated beside {@code dataset.test}, by name: {@code adapter}, {@code file}
 *                      and optional {@code max_tokens} and {@code limit} (the first N problems) (e.g. MATH-500,
 *                      GSM8K test, AIME 2024 for a real model)
 */
public record Suite(String name, String description, DatasetSpec dataset, String template, ModelSpec model,
                    Map<String, String> sampling, Map<String, String> judge, Map<String, String> rectification,
                    Map<String, String> pairs, Map<String, Map<String, String>> training,
                    Map<String, String> evaluation, RegressSpec regress, Map<String, Map<String, String>> benchmarks) {

    public Suite {
        // In file order: the leaderboard's columns.
        benchmarks = benchmarks == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(benchmarks));
    }

    /** A suite without extra benchmarks. */
    public Suite(String name, String description, DatasetSpec dataset, String template, ModelSpec model,
                 Map<String, String> sampling, Map<String, String> judge, Map<String, String> rectification,
                 Map<String, String> pairs, Map<String, Map<String, String>> training,
                 Map<String, String> evaluation, RegressSpec regress) {
        this(name, description, dataset, template, model, sampling, judge, rectification, pairs, training, evaluation,
                regress, Map.of());
    }

    /** Where the problems come from. */
    public record DatasetSpec(String adapter, String train, String test, String testAdapter,
                              Map<String, String> trainOptions, Map<String, String> testOptions) {
        /** The adapter for the test split: {@code test_adapter} when given, else {@code adapter}. */
        public String evaluationAdapter() {
            return testAdapter == null ? adapter : testAdapter;
        }
    }

    /** The starting model: a folder, or a recipe to create and SFT-train one. */
    public record ModelSpec(String path, Map<String, String> init, Map<String, String> tokenizer,
                            Map<String, String> sft) {
        public boolean isBuiltHere() {
            return path == null;
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** A value of a section, or {@code fallback}. */
    public static String value(Map<String, String> section, String key, String fallback) {
        String v = section.get(key);
        return v == null ? fallback : v;
    }

    /**
     * This suite with every {@code ${VAR}} replaced from {@code environment}; a variable that is not set
     * fails, naming the suite, the field and the variable.
     */
    public Suite expand(UnaryOperator<String> environment) {
        DatasetSpec d = new DatasetSpec(dataset.adapter(), expand(dataset.train(), "dataset.train", environment),
                expand(dataset.test(), "dataset.test", environment), dataset.testAdapter(),
                dataset.trainOptions(), dataset.testOptions());
        ModelSpec m = new ModelSpec(expand(model.path(), "model.path", environment), model.init(), model.tokenizer(),
                model.sft());
        Map<String, Map<String, String>> b = new LinkedHashMap<>();
        benchmarks.forEach((bench, values) -> {
            Map<String, String> v = new LinkedHashMap<>(values);
            if (v.containsKey("file")) {
                v.put("file", expand(v.get("file"), "benchmarks." + bench + ".file", environment));
            }
            b.put(bench, v);
        });
        return new Suite(name, description, d, template, m, sampling, judge, rectification, pairs, training, evaluation,
                regress, b);
    }

    private String expand(String value, String field, UnaryOperator<String> environment) {
        if (value == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = environment.apply(m.group(1));
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("suite " + name + ": " + field + " uses ${" + m.group(1)
                        + "}, which is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Map<String, String> copy(Map<String, String> map) {
        return map == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(map));
    }
}
