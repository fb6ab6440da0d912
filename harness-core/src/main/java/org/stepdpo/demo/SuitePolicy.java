package org.stepdpo.demo;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.stepdpo.config.Suite;
import org.stepdpo.config.suite.GeneratorSection;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.OpenAiCompletionsGenerator;

/**
 * The suite's {@code generator} section as the data loop's policy: the starting model on the native engine,
 * loaded on its first request, or OpenAI-compatible servers that serve the same checkpoint (the model folder stays
 * the one training starts from and every evaluation runs).
 */
final class SuitePolicy {

    private SuitePolicy() {
    }

    /**
     * @param startModel the starting model's folder
     * @param name       its name in run records
     * @param device     the native engine's device
     */
    static Generator open(Suite suite, Path startModel, String name, String device, UnaryOperator<String> environment) {
        GeneratorSection g = suite.generator();
        if (!g.isRemote()) {
            return new LazyPolicy(startModel, name, device);
        }
        if (suite.model().isBuiltHere()) {
            throw new IllegalArgumentException("suite " + suite.name() + ": generator.kind openai samples a model that a "
                    + "server serves, so it needs model.path (the same checkpoint's folder, for training and "
                    + "evaluation); a model the suite creates here is not served anywhere");
        }
        return new OpenAiCompletionsGenerator(SuiteServers.of(suite, "generator", g.url(), g.model(), g.apiKeyEnv(),
                g.concurrency(), environment, "OPENAI_API_KEY"));
    }

    /** Where the data loop's policy runs, as run records say it. */
    static String where(Suite suite, String nativeDevice) {
        return suite.generator().isRemote() ? "remote: " + suite.generator().url() : nativeDevice;
    }
}
