package org.stepdpo.config.suite;

import static org.stepdpo.config.suite.Range.POSITIVE;

import java.util.List;

/**
 * What writes the starting model's answers, continuations and rollouts in the data loop ({@code generator:}).
 * Training and the evaluations of the trained models always run on the native engine (they exist only here).
 *
 * @param kind        {@code native} (default): the model folder on this machine's engine ({@code --device});
 *                    {@code openai}: OpenAI-compatible servers (vLLM, SGLang) serving the same checkpoint as
 *                    {@code model.path}
 * @param url         openai: the servers' base URLs, comma-separated, e.g. {@code http://h1:8000/v1,http://h2:8000/v1}
 *                    (each request goes to the least-loaded healthy one)
 * @param model       openai: the served model name
 * @param apiKeyEnv   openai: the environment variable holding the key (default: {@code OPENAI_API_KEY}); the key
 *                    itself is never written anywhere
 * @param concurrency openai: requests in flight per server (default 16)
 */
public record GeneratorSection(String kind, String url, String model, String apiKeyEnv,
                               @Bound(POSITIVE) int concurrency) {

    public static final List<String> KINDS = List.of("native", "openai");

    public static final GeneratorSection DEFAULTS = new GeneratorSection("native", null, null, null, 16);

    public GeneratorSection {
        if (kind != null && !KINDS.contains(kind)) {
            throw new IllegalArgumentException("\"generator.kind\" must be one of " + KINDS + ", got \"" + kind + "\"");
        }
        if ("openai".equals(kind) && (url == null || model == null)) {
            throw new IllegalArgumentException("generator.kind openai needs generator.url and generator.model");
        }
    }

    public boolean isRemote() {
        return "openai".equals(kind);
    }
}
