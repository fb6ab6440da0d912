package org.stepdpo.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stepdpo.config.suite.BenchmarkSection;
import org.stepdpo.config.suite.EvaluationSection;
import org.stepdpo.config.suite.GeneratorSection;
import org.stepdpo.config.suite.JudgeSection;
import org.stepdpo.config.suite.ModelInit;
import org.stepdpo.config.suite.PairsSection;
import org.stepdpo.config.suite.RectificationSection;
import org.stepdpo.config.suite.Required;
import org.stepdpo.config.suite.SamplingSection;
import org.stepdpo.config.suite.SftSection;
import org.stepdpo.config.suite.TokenizerSection;
import org.stepdpo.config.suite.TrainingSection;

/**
 * A benchmark suite: which data, which model, which prompt, how to sample, judge and train. Read from YAML
 * (see {@code stepdpo/suites/*.yaml}) by {@link Suites}: every section is a record whose components are the keys
 * a suite file may have (in snake case) and whose {@code DEFAULTS} say what an absent key means, so a setting has
 * one name, one type and one default, and an unknown key fails when the suite is read.
 *
 * @param name          suite name, e.g. {@code toy}
 * @param description   one line for listings
 * @param dataset       problems for the pipeline (train) and for evaluation (test)
 * @param template      prompt template name (see {@link PromptTemplates})
 * @param model         {@code path} of a Hugging Face folder, or {@code init}/{@code tokenizer}/{@code sft}
 *                      sections for a model the project creates and trains itself
 * @param generator     what samples the starting model in the data loop: the native engine or OpenAI-compatible
 *                      servers
 * @param sampling      error collection
 * @param judge         step localization
 * @param rectification continuations per first wrong step
 * @param pairs         pair-builder limits
 * @param training      hyper-parameters per objective ({@code step-dpo}, {@code dpo}, {@code sft})
 * @param evaluation    evaluation of every model on the test split
 * @param regress       how {@code stepdpo regress} gates a run against the suite's baseline
 * @param benchmarks    more test sets evaluated beside {@code dataset.test}, by name, in file order (the
 *                      leaderboard's columns), e.g. MATH-500, GSM8K test, AIME 2024 for a real model
 */
public record Suite(@Required String name, String description, @Required DatasetSpec dataset,
                    @Required String template, @Required ModelSpec model, GeneratorSection generator,
                    SamplingSection sampling, JudgeSection judge, RectificationSection rectification,
                    PairsSection pairs, TrainingSection training,
                    EvaluationSection evaluation, RegressSpec regress, Map<String, BenchmarkSection> benchmarks) {

    /** What an absent section means. */
    public static final Suite DEFAULTS = new Suite(null, null, null, null, null, GeneratorSection.DEFAULTS,
            SamplingSection.DEFAULTS,
            JudgeSection.DEFAULTS, RectificationSection.DEFAULTS, PairsSection.DEFAULTS, TrainingSection.DEFAULTS,
            EvaluationSection.DEFAULTS, RegressSpec.defaults(), Map.of());

    public Suite {
        generator = generator == null ? GeneratorSection.DEFAULTS : generator;
        sampling = sampling == null ? SamplingSection.DEFAULTS : sampling;
        judge = judge == null ? JudgeSection.DEFAULTS : judge;
        rectification = rectification == null ? RectificationSection.DEFAULTS : rectification;
        pairs = pairs == null ? PairsSection.DEFAULTS : pairs;
        training = training == null ? TrainingSection.DEFAULTS : training;
        evaluation = evaluation == null ? EvaluationSection.DEFAULTS : evaluation;
        regress = regress == null ? RegressSpec.defaults() : regress;
        benchmarks = benchmarks == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(benchmarks));
    }

    /** This suite with other training settings. */
    public Suite withTraining(TrainingSection training) {
        return new Suite(name, description, dataset, template, model, generator, sampling, judge, rectification,
                pairs, training, evaluation, regress, benchmarks);
    }

    /** This suite with another dataset. */
    public Suite withDataset(DatasetSpec dataset) {
        return new Suite(name, description, dataset, template, model, generator, sampling, judge, rectification,
                pairs, training, evaluation, regress, benchmarks);
    }

    /**
     * Where the problems come from.
     *
     * @param adapter      the dataset adapter of the train split ({@code arith}, {@code gsm8k}, {@code math}, ...)
     * @param train        the train split: a file, or a split name for generated data
     * @param test         the test split
     * @param testAdapter  the adapter of the test split when it differs ({@code math500})
     * @param trainOptions the adapter's options for the train split (the adapter checks them)
     * @param testOptions  the adapter's options for the test split
     */
    public record DatasetSpec(@Required String adapter, @Required String train, @Required String test,
                              String testAdapter, Map<String, String> trainOptions, Map<String, String> testOptions) {

        public static final DatasetSpec DEFAULTS = new DatasetSpec(null, null, null, null, Map.of(), Map.of());

        public DatasetSpec {
            trainOptions = copy(trainOptions);
            testOptions = copy(testOptions);
        }

        /** The adapter for the test split: {@code test_adapter} when given, else {@code adapter}. */
        public String evaluationAdapter() {
            return testAdapter == null ? adapter : testAdapter;
        }
    }

    /**
     * The starting model: a folder, or a recipe to create and SFT-train one.
     *
     * @param path      a Hugging Face model folder
     * @param init      the shape of a model created here (absent with {@code path})
     * @param tokenizer the tokenizer trained for it
     * @param sft       its supervised fine-tuning
     */
    public record ModelSpec(String path, ModelInit init, TokenizerSection tokenizer, SftSection sft) {

        public static final ModelSpec DEFAULTS = new ModelSpec(null, null, TokenizerSection.DEFAULTS,
                SftSection.DEFAULTS);

        public ModelSpec {
            tokenizer = tokenizer == null ? TokenizerSection.DEFAULTS : tokenizer;
            sft = sft == null ? SftSection.DEFAULTS : sft;
        }

        public boolean isBuiltHere() {
            return path == null;
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

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
        Map<String, BenchmarkSection> b = new LinkedHashMap<>();
        benchmarks.forEach((bench, values) -> b.put(bench,
                values.withFile(expand(values.file(), "benchmarks." + bench + ".file", environment))));
        return new Suite(name, description, d, template, m, generator, sampling, judge, rectification, pairs,
                training, evaluation, regress, b);
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
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
