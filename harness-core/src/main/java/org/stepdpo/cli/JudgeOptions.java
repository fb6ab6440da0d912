package org.stepdpo.cli;

import java.util.List;
import org.stepdpo.generation.Environment;
import org.stepdpo.generation.OpenAiEndpoints;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.judges.JudgeChoice;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The step judges' options, shared by the commands that localize first wrong steps ({@code pipeline},
 * {@code judge-eval}); each command keeps its own {@code --judge} with its own default.
 */
public class JudgeOptions {

    @Option(names = "--rollouts", description = "rollout judge: continuations per step prefix (default: ${DEFAULT-VALUE})")
    int rollouts;

    @Option(names = "--rollout-threshold", description = "rollout judge: a step is wrong when at most this share of its rollouts is right (default: ${DEFAULT-VALUE})")
    double rolloutThreshold;

    @Option(names = "--judge-url", paramLabel = "URL", split = ",",
            description = "llm judge: OpenAI-compatible server, e.g. https://api.openai.com; several servers of the same "
                    + "model: repeat the option or separate URLs by commas")
    List<String> judgeUrls;

    @Option(names = "--judge-model", paramLabel = "NAME", description = "llm judge: model, e.g. gpt-4o")
    String judgeModel;

    @Option(names = "--judge-key", paramLabel = "KEY", description = "llm judge: API key (default: env STEPDPO_JUDGE_API_KEY, then OPENAI_API_KEY)")
    String judgeKey;

    @Option(names = "--judge-concurrency", description = "llm judge: requests in flight per server (default: ${DEFAULT-VALUE})")
    int judgeConcurrency;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /**
     * The judge named by {@code kind} with these options.
     *
     * @param rolloutSampling     how the rollout judge samples
     * @param showReferenceAnswer whether the llm judge sees the reference answer
     */
    JudgeChoice choice(String kind, SamplingSettings rolloutSampling, boolean showReferenceAnswer) {
        return switch (kind) {
            case "verifier" -> new JudgeChoice.Verifier();
            case "rollout" -> new JudgeChoice.Rollout(rollouts, rolloutThreshold, rolloutSampling);
            case "llm" -> {
                if (judgeUrls == null || judgeUrls.isEmpty() || judgeModel == null) {
                    throw new ParameterException(spec.commandLine(), "--judge llm needs --judge-url and --judge-model");
                }
                String key = judgeKey != null ? judgeKey : Environment.first("STEPDPO_JUDGE_API_KEY", "OPENAI_API_KEY");
                OpenAiEndpoints servers;
                try {
                    servers = OpenAiEndpoints.parse(judgeUrls, key, judgeModel, judgeConcurrency);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--judge-url: " + e.getMessage());
                }
                yield new JudgeChoice.Llm(servers, showReferenceAnswer, 2, 1024);
            }
            default -> throw new ParameterException(spec.commandLine(),
                    "unknown judge \"" + kind + "\"; expected verifier, rollout or llm");
        };
    }
}
