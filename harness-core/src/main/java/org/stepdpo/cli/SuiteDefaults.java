package org.stepdpo.cli;

import java.util.Map;
import org.stepdpo.config.suite.JudgeSection;
import org.stepdpo.config.suite.PairsSection;
import org.stepdpo.config.suite.RectificationSection;
import org.stepdpo.config.suite.SamplingSection;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of the data loop's command-line options are the suite records' defaults, so {@code pipeline -k} and
 * a suite's {@code sampling.k} mean the same when neither is given, and a default is changed in one place.
 */
final class SuiteDefaults {

    /** The step judges' shared options ({@link JudgeOptions}), and the rollouts' sampling. */
    static final Map<String, Object> JUDGES = Map.of(
            "--rollouts", JudgeSection.DEFAULTS.rollouts(),
            "--rollout-threshold", JudgeSection.DEFAULTS.threshold(),
            "--judge-concurrency", JudgeSection.DEFAULTS.concurrency(),
            "--temperature", SamplingSection.DEFAULTS.temperature(),
            "--top-p", SamplingSection.DEFAULTS.topP());

    /** {@code pipeline}'s options: the suite's sampling, judge, rectification and pairs sections. */
    static final Map<String, Object> PIPELINE = Map.ofEntries(
            Map.entry("--samples", SamplingSection.DEFAULTS.k()),
            Map.entry("--top-k", SamplingSection.DEFAULTS.topK()),
            Map.entry("--max-tokens", SamplingSection.DEFAULTS.maxTokens()),
            Map.entry("--batch-size", SamplingSection.DEFAULTS.batch()),
            Map.entry("--judge", JudgeSection.DEFAULTS.kind()),
            Map.entry("--rectifications", RectificationSection.DEFAULTS.n()),
            Map.entry("--max-pairs-per-error", PairsSection.DEFAULTS.maxPairsPerError()),
            Map.entry("--max-pairs-per-problem", PairsSection.DEFAULTS.maxPairsPerProblem()),
            Map.entry("--max-step-chars", PairsSection.DEFAULTS.maxStepChars()),
            Map.entry("--max-dpo-pairs-per-problem", PairsSection.DEFAULTS.maxDpoPairsPerProblem()));

    private SuiteDefaults() {
    }

    private static String lookUp(ArgSpec arg, Map<String, Object> first, Map<String, Object> second) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        Object v = first.getOrDefault(option.longestName(), second.get(option.longestName()));
        return v == null ? null : String.valueOf(v);
    }

    /** For {@code pipeline}. */
    static final class Pipeline implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            return lookUp(arg, PIPELINE, JUDGES);
        }
    }

    /** For commands that judge steps but do not run the data loop ({@code judge-eval}). */
    static final class Judges implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            return lookUp(arg, JUDGES, Map.of());
        }
    }
}
