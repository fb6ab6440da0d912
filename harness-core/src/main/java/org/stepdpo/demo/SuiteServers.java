package org.stepdpo.demo;

import java.util.List;
import java.util.function.UnaryOperator;
import org.stepdpo.config.Suite;
import org.stepdpo.generation.Environment;
import org.stepdpo.generation.OpenAiEndpoints;

/**
 * The OpenAI-compatible servers a suite section names ({@code judge}, {@code generator}): its comma-separated
 * {@code url}, its {@code model}, and the key from the environment variable {@code api_key_env}, or else from the
 * first of the section's default variables that is set. A named variable that is not set, or a bad URL, fails naming
 * the suite and the key; the key itself is never written anywhere.
 */
final class SuiteServers {

    private SuiteServers() {
    }

    static OpenAiEndpoints of(Suite suite, String section, String url, String model, String apiKeyEnv, int concurrency,
                              UnaryOperator<String> environment, String... defaultKeyVariables) {
        String key = apiKeyEnv != null ? environment.apply(apiKeyEnv)
                : Environment.first(environment, defaultKeyVariables);
        if (apiKeyEnv != null && (key == null || key.isBlank())) {
            throw new IllegalArgumentException("suite " + suite.name() + ": " + section + ".api_key_env names "
                    + apiKeyEnv + ", which is not set");
        }
        try {
            return OpenAiEndpoints.parse(List.of(url), key, model, concurrency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("suite " + suite.name() + ": " + section + ".url: " + e.getMessage(), e);
        }
    }
}
