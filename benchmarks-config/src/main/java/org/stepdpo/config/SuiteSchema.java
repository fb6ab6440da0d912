package org.stepdpo.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key a suite file may have, section by section, with the type of its value. A suite is checked against it
 * when it is read, so a misspelled key ({@code max_token}, {@code step_dpo}), a value of the wrong type or one out
 * of its range ({@code beta: 0}, {@code batch: 0}) fails there, with the file, the line, the key and the nearest
 * known key, instead of being silently ignored or failing after the first stages have run. The
 * defaults are where the values are used (and in README's account of each section).
 */
final class SuiteSchema {

    /** What a value must be. */
    enum Type { TEXT, INTEGER, NUMBER, SECTION, OPTIONS }

    /** Where a number must lie; a value outside fails when the suite is read, not after hours of stages. */
    enum Range {
        ANY("any value"),
        POSITIVE("greater than 0"),
        NON_NEGATIVE("0 or more"),
        FRACTION("between 0 and 1"),
        SHARE("greater than 0 and at most 1"),
        DROPOUT("0 or more and below 1");

        private final String words;

        Range(String words) {
            this.words = words;
        }

        boolean holds(double v) {
            return switch (this) {
                case ANY -> true;
                case POSITIVE -> v > 0;
                case NON_NEGATIVE -> v >= 0;
                case FRACTION -> v >= 0 && v <= 1;
                case SHARE -> v > 0 && v <= 1;
                case DROPOUT -> v >= 0 && v < 1;
            };
        }
    }

    /** The rule for one key: its type and, for numbers, its range. */
    record Rule(Type type, Range range) {
    }

    private static final Map<String, Map<String, Rule>> SECTIONS = new LinkedHashMap<>();

    /** The one key of a section whose keys are names chosen by the user (the benchmarks). */
    private static final String ANY = "*";

    private static void section(String path, Object... keysAndRules) {
        Map<String, Rule> keys = new LinkedHashMap<>();
        for (int i = 0; i < keysAndRules.length; i += 2) {
            keys.put((String) keysAndRules[i], (Rule) keysAndRules[i + 1]);
        }
        SECTIONS.put(path, keys);
    }

    private static final List<String> OBJECTIVES = List.of("step-dpo", "dpo", "sft");

    static {
        Rule t = new Rule(Type.TEXT, Range.ANY);
        Rule s = new Rule(Type.SECTION, Range.ANY);
        Rule o = new Rule(Type.OPTIONS, Range.ANY);
        Rule size = new Rule(Type.INTEGER, Range.POSITIVE);       // sizes, batches, counts that must be >= 1
        Rule count = new Rule(Type.INTEGER, Range.NON_NEGATIVE);  // 0 means "none" or "from another key"
        Rule positive = new Rule(Type.NUMBER, Range.POSITIVE);    // learning rates, beta, epochs
        Rule nonNegative = new Rule(Type.NUMBER, Range.NON_NEGATIVE);
        Rule fraction = new Rule(Type.NUMBER, Range.FRACTION);
        section("", "name", t, "description", t, "dataset", s, "template", t, "model", s, "sampling", s, "judge", s,
                "rectification", s, "pairs", s, "training", s, "evaluation", s, "regress", o, "benchmarks", s);
        // the adapters check their own options (train_options, test_options)
        section("dataset", "adapter", t, "train", t, "test", t, "test_adapter", t, "train_options", o,
                "test_options", o);
        section("model", "path", t, "init", s, "tokenizer", s, "sft", s);
        // vocab_size 0: the tokenizer's
        section("model.init", "arch", t, "vocab_size", count, "hidden", size, "intermediate", size, "layers", size,
                "heads", size, "kv_heads", size, "rope_theta", positive, "rms_norm_eps", positive);
        section("model.tokenizer", "bpe_vocab_size", size);
        // steps 0: the number of steps comes from epochs
        section("model.sft", "steps", count, "epochs", positive, "batch", size, "lr", positive,
                "warmup_ratio", fraction, "weight_decay", nonNegative, "max_grad_norm", nonNegative,
                "save_every", count, "wording", t, "misconception", t, "misconception_rate", fraction);
        section("sampling", "problems", size, "k", size, "temperature", nonNegative,
                "top_p", new Rule(Type.NUMBER, Range.SHARE), "top_k", count, "max_tokens", size, "batch", size);
        section("judge", "kind", t, "rollouts", size, "threshold", fraction, "url", t, "model", t, "api_key_env", t,
                "concurrency", size, "max_tokens", size, "show_reference", t);
        section("rectification", "n", size);
        // 0: no limit
        section("pairs", "max_pairs_per_error", size, "max_pairs_per_problem", count, "max_step_chars", count,
                "max_dpo_pairs_per_problem", count);
        // max_grad_norm 0: no clipping; lora_r 0: full fine-tuning; validation_problems 0: no validation
        Object[] training = {"beta", positive, "lr", positive, "epochs", positive, "steps", size, "batch", size,
                "warmup_ratio", fraction, "weight_decay", nonNegative, "max_grad_norm", nonNegative,
                "max_length", size, "max_prompt_length", size, "sft_weight", nonNegative, "save_every", count,
                "validation_problems", count, "validate_every", size, "grad_accum", size, "bf16", t,
                "lora_r", count, "lora_alpha", positive, "lora_dropout", new Rule(Type.NUMBER, Range.DROPOUT),
                "lora_targets", t};
        Object[] objectives = new Object[2 * OBJECTIVES.size()];
        for (int k = 0; k < OBJECTIVES.size(); k++) {
            objectives[2 * k] = OBJECTIVES.get(k);
            objectives[2 * k + 1] = s;
            section("training." + OBJECTIVES.get(k), training);
        }
        section("training", objectives);
        // samples 0: no headroom samples
        section("evaluation", "max_tokens", size, "samples", count);
        // Any name; each entry is checked against "benchmarks.*".
        section("benchmarks", ANY, s);
        section("benchmarks." + ANY, "adapter", t, "file", t, "max_tokens", size, "limit", size);
    }

    private SuiteSchema() {
    }

    /** Fails on the first unknown key or mistyped value, naming {@code origin}, its line, the key and a suggestion. */
    static void check(JsonNode root, String origin, FieldLines lines) {
        check(root, "", origin, lines, "");
    }

    /** @param path the schema's section ({@code benchmarks.*}); {@code at} the file's ({@code benchmarks.aime24}) */
    private static void check(JsonNode node, String path, String origin, FieldLines lines, String at) {
        Map<String, Rule> known = SECTIONS.get(path);
        boolean named = known.size() == 1 && known.containsKey(ANY);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String full = at.isEmpty() ? key : at + "." + key;
            String where = origin + at(lines, full) + ": ";
            Rule rule = named ? known.get(ANY) : known.get(key);
            if (rule == null) {
                throw new IllegalArgumentException(where + "unknown key \"" + full + "\""
                        + Suggestions.didYouMean(key, known.keySet()) + "; known in "
                        + (at.isEmpty() ? "a suite" : at) + ": " + known.keySet());
            }
            JsonNode v = e.getValue();
            if (v == null || v.isNull()) {
                continue;
            }
            switch (rule.type()) {
                case SECTION -> {
                    if (!v.isObject()) {
                        throw new IllegalArgumentException(where + "\"" + full + "\" must be a mapping");
                    }
                    check(v, named ? path + "." + ANY : full, origin, lines, full);
                }
                case OPTIONS -> {
                    if (!v.isObject()) {
                        throw new IllegalArgumentException(where + "\"" + full + "\" must be a mapping");
                    }
                }
                case INTEGER, NUMBER, TEXT -> checkScalar(v, rule, full, where);
            }
        }
    }

    private static void checkScalar(JsonNode v, Rule rule, String full, String where) {
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(where + "\"" + full + "\" must be a single value");
        }
        if (rule.type() == Type.TEXT) {
            return;
        }
        String text = v.asText().strip();
        double value;
        try {
            value = rule.type() == Type.INTEGER ? Long.parseLong(text) : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "\"" + full + "\" must be " + (rule.type() == Type.INTEGER
                    ? "an integer" : "a number") + ", got \"" + v.asText() + "\"");
        }
        if (!Double.isFinite(value) || !rule.range().holds(value)) {
            throw new IllegalArgumentException(where + "\"" + full + "\" must be " + rule.range().words
                    + ", got " + v.asText());
        }
    }

    private static String at(FieldLines lines, String dotted) {
        Integer line = lines.line("/" + dotted.replace(".", "/"));
        return line == null ? "" : ":" + line;
    }
}
