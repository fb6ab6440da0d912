package org.stepdpo.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key a suite file may have, section by section, with the type of its value. A suite is checked against it
 * when it is read, so a misspelled key ({@code max_token}, {@code step_dpo}) or a value of the wrong type fails
 * there, with the file, the line, the key and the nearest known key, instead of being silently ignored. The
 * defaults are where the values are used (and in README's account of each section).
 */
final class SuiteSchema {

    /** What a value must be. */
    enum Type { TEXT, INTEGER, NUMBER, SECTION, OPTIONS }

    private static final Map<String, Map<String, Type>> SECTIONS = new LinkedHashMap<>();

    /** The one key of a section whose keys are names chosen by the user (the benchmarks). */
    private static final String ANY = "*";

    private static void section(String path, Object... keysAndTypes) {
        Map<String, Type> keys = new LinkedHashMap<>();
        for (int i = 0; i < keysAndTypes.length; i += 2) {
            keys.put((String) keysAndTypes[i], (Type) keysAndTypes[i + 1]);
        }
        SECTIONS.put(path, keys);
    }

    private static final List<String> OBJECTIVES = List.of("step-dpo", "dpo", "sft");

    static {
        Type t = Type.TEXT;
        Type i = Type.INTEGER;
        Type n = Type.NUMBER;
        Type s = Type.SECTION;
        section("", "name", t, "description", t, "dataset", s, "template", t, "model", s, "sampling", s, "judge", s,
                "rectification", s, "pairs", s, "training", s, "evaluation", s, "regress", Type.OPTIONS, "benchmarks", s);
        // the adapters check their own options (train_options, test_options)
        section("dataset", "adapter", t, "train", t, "test", t, "test_adapter", t, "train_options", Type.OPTIONS,
                "test_options", Type.OPTIONS);
        section("model", "path", t, "init", s, "tokenizer", s, "sft", s);
        section("model.init", "arch", t, "vocab_size", i, "hidden", i, "intermediate", i, "layers", i, "heads", i,
                "kv_heads", i, "rope_theta", n, "rms_norm_eps", n);
        section("model.tokenizer", "bpe_vocab_size", i);
        section("model.sft", "steps", i, "epochs", n, "batch", i, "lr", n, "warmup_ratio", n, "weight_decay", n,
                "max_grad_norm", n, "save_every", i, "wording", t, "misconception", t, "misconception_rate", n);
        section("sampling", "problems", i, "k", i, "temperature", n, "top_p", n, "top_k", i, "max_tokens", i,
                "batch", i);
        section("judge", "kind", t, "rollouts", i, "threshold", n, "url", t, "model", t, "api_key_env", t,
                "concurrency", i, "max_tokens", i, "show_reference", t);
        section("rectification", "n", i);
        section("pairs", "max_pairs_per_error", i, "max_pairs_per_problem", i, "max_step_chars", i,
                "max_dpo_pairs_per_problem", i);
        Object[] training = {"beta", n, "lr", n, "epochs", n, "steps", i, "batch", i, "warmup_ratio", n,
                "weight_decay", n, "max_grad_norm", n, "max_length", i, "max_prompt_length", i, "sft_weight", n,
                "save_every", i, "validation_problems", i, "validate_every", i, "grad_accum", i, "bf16", t,
                "lora_r", i, "lora_alpha", n, "lora_dropout", n, "lora_targets", t};
        Object[] objectives = new Object[2 * OBJECTIVES.size()];
        for (int k = 0; k < OBJECTIVES.size(); k++) {
            objectives[2 * k] = OBJECTIVES.get(k);
            objectives[2 * k + 1] = s;
            section("training." + OBJECTIVES.get(k), training);
        }
        section("training", objectives);
        section("evaluation", "max_tokens", i, "samples", i);
        // Any name; each entry is checked against "benchmarks.*".
        section("benchmarks", ANY, s);
        section("benchmarks." + ANY, "adapter", t, "file", t, "max_tokens", i, "limit", i);
    }

    private SuiteSchema() {
    }

    /** Fails on the first unknown key or mistyped value, naming {@code origin}, its line, the key and a suggestion. */
    static void check(JsonNode root, String origin, FieldLines lines) {
        check(root, "", origin, lines, "");
    }

    /** @param path the schema's section ({@code benchmarks.*}); {@code at} the file's ({@code benchmarks.aime24}) */
    private static void check(JsonNode node, String path, String origin, FieldLines lines, String at) {
        Map<String, Type> known = SECTIONS.get(path);
        boolean named = known.size() == 1 && known.containsKey(ANY);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String full = at.isEmpty() ? key : at + "." + key;
            String where = origin + at(lines, full) + ": ";
            Type type = named ? known.get(ANY) : known.get(key);
            if (type == null) {
                throw new IllegalArgumentException(where + "unknown key \"" + full + "\""
                        + Suggestions.didYouMean(key, known.keySet()) + "; known in "
                        + (at.isEmpty() ? "a suite" : at) + ": " + known.keySet());
            }
            JsonNode v = e.getValue();
            if (v == null || v.isNull()) {
                continue;
            }
            switch (type) {
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
                case INTEGER, NUMBER, TEXT -> checkScalar(v, type, full, where);
            }
        }
    }

    private static void checkScalar(JsonNode v, Type type, String full, String where) {
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(where + "\"" + full + "\" must be a single value");
        }
        String text = v.asText().strip();
        try {
            if (type == Type.INTEGER) {
                Long.parseLong(text);
            } else if (type == Type.NUMBER) {
                Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "\"" + full + "\" must be " + (type == Type.INTEGER
                    ? "an integer" : "a number") + ", got \"" + v.asText() + "\"");
        }
    }

    private static String at(FieldLines lines, String dotted) {
        Integer line = lines.line("/" + dotted.replace(".", "/"));
        return line == null ? "" : ":" + line;
    }
}
