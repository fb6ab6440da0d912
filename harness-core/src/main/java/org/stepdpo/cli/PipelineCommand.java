package org.stepdpo.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stepdpo.config.PromptTemplates;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.judges.JudgeChoice;
import org.stepdpo.pipeline.DatasetSelection;
import org.stepdpo.pipeline.PairRules;
import org.stepdpo.pipeline.PipelineConfig;
import org.stepdpo.pipeline.PipelineOutputs;
import org.stepdpo.pipeline.PipelineRunner;
import org.stepdpo.pipeline.PipelineSummary;
import org.stepdpo.pipeline.RunStoreRecorder;
import org.stepdpo.reports.runs.RunStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo pipeline}: one Step-DPO data iteration, from sampled answers to preference pairs. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = SuiteDefaults.Pipeline.class,
        description = {"Step-DPO data pipeline: error collection -> step localization -> rectification -> pairs.",
                "Writes samples.jsonl, errors.jsonl, localized.jsonl, rectifications.jsonl, pairs.jsonl (Step-DPO) and "
                        + "dpo_pairs.jsonl (whole answers, for the DPO baseline) into OUT, and records the run.",
                "Interrupted (even by kill -9), the same command resumes where it stopped."})
public class PipelineCommand implements Callable<Integer> {

    @Option(names = "--adapter", defaultValue = "arith", paramLabel = "NAME",
            description = "Benchmark adapter (default: ${DEFAULT-VALUE}): ${COMPLETION-CANDIDATES}",
            completionCandidates = EvalCommand.AdapterNames.class)
    String adapter;

    @Option(names = "--data", defaultValue = "train", paramLabel = "FILE",
            description = "Data file; for the built-in arith adapter: train or test (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "Adapter option, e.g. n=500 (arith)")
    Map<String, String> options = Map.of();

    @Option(names = "--template", defaultValue = "step", paramLabel = "NAME",
            description = "Prompt template (default: ${DEFAULT-VALUE}); chat, chat-boxed, chat-step: the --model folder's "
                    + "own chat template")
    String template;

    @Option(names = "--templates", paramLabel = "FILE", description = "YAML file with more prompt templates")
    Path templatesFile;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Policy (the model that writes answers and continuations):%n")
    PolicyChoice policy;

    @Mixin
    DeviceOption device;

    @Option(names = "--precision", description = "Native engine precision: fp32 or bf16 (default: fp32 on CPU, bf16 on CUDA)")
    String precision;

    @Option(names = {"-k", "--samples"}, description = "Answers sampled per problem (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = {"-n", "--rectifications"}, description = "Continuations sampled per localized error (paper: 20; default: ${DEFAULT-VALUE})")
    int rectifications;

    @Option(names = "--temperature", description = "Sampling temperature (paper: 0.8; default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-p", description = "Nucleus mass (paper: 0.95; default: ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--top-k", description = "Top-k, 0 = off (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--max-tokens", description = "Longest answer in tokens (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop string; repeatable")
    List<String> stop = new ArrayList<>();

    @Option(names = "--judge", description = "Step judge: verifier (arith), rollout (Monte Carlo with the policy), llm (chat API) (default: ${DEFAULT-VALUE})")
    String judge;

    @Mixin
    JudgeOptions judgeOptions;

    @Option(names = "--max-pairs-per-error", description = "0 = no limit (default: ${DEFAULT-VALUE})")
    int maxPairsPerError;

    @Option(names = "--max-pairs-per-problem", description = "0 = no limit (default: ${DEFAULT-VALUE})")
    int maxPairsPerProblem;

    @Option(names = "--max-step-chars", description = "Drop pairs with longer steps; 0 = no limit (default: ${DEFAULT-VALUE})")
    int maxStepChars;

    @Option(names = "--max-dpo-pairs-per-problem", description = "Whole-answer pairs; 0 = no limit (default: ${DEFAULT-VALUE})")
    int maxDpoPairsPerProblem;

    @Option(names = "--keep-duplicates", description = "Keep pairs that repeat an earlier one")
    boolean keepDuplicates;

    @Option(names = "--keep-identical", description = "Keep pairs whose chosen and rejected steps are the same")
    boolean keepIdentical;

    @Option(names = "--seed", defaultValue = "1", description = "Run seed; every sampling seed derives from it (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--batch-size", description = "Requests per generator call (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder; an existing one is resumed (default: a new folder under the data folder)")
    Path out;

    @Spec
    CommandSpec spec;

    @Inject
    RunStore store;

    @Override
    public Integer call() {
        PromptTemplates templates = templatesFile == null ? PromptTemplates.builtin() : PromptTemplates.builtin().with(templatesFile);
        SamplingSettings sampling = new SamplingSettings(temperature, topP, topK, maxTokens, stop);
        Path outDir = out != null ? out : DataFolder.newRun("pipeline-" + adapter);
        PipelineConfig config = new PipelineConfig(new DatasetSelection(adapter, data, options), policy.template(templates, template),
                samples, sampling, judgeOptions.choice(judge, sampling, true), rectifications, sampling,
                new PairRules(!keepDuplicates, !keepIdentical, maxPairsPerError, maxPairsPerProblem, maxStepChars,
                        maxDpoPairsPerProblem), seed, batchSize, outDir);
        var err = spec.commandLine().getErr();
        if (policy.model != null) {
            List<String> differences = ModelRecipe.differences(policy.model, adapter, options, template);
            if (!differences.isEmpty()) {
                err.println("WARNING: " + policy.model + " was trained on another task than this pipeline's ("
                        + ModelRecipe.find(policy.model).map(Path::toString).orElse("recipe.json") + "): "
                        + String.join(", ", differences) + "; give the same options (-o KEY=VALUE, --template) to "
                        + "measure what it learned");
            }
        }
        err.println("run folder: " + outDir.toAbsolutePath());
        err.flush();
        long t0 = System.nanoTime();
        PipelineOutputs o;
        try (Generator generator = policy.open(device.choice(), precision)) {
            o = new PipelineRunner(generator, new RunStoreRecorder(store, () -> policy.device(device.choice())), List.of()).run(config);
        }
        PipelineSummary s = o.summary();
        var w = spec.commandLine().getOut();
        w.printf("%s on %s: %d problems x %d samples, %d right (pass@1 %s), %d wrong%n", o.sourceModel(), adapter,
                s.problems(), samples, s.correctSamples(),
                s.passAt1() == null ? "-" : String.format("%.2f%%", 100 * s.passAt1()), s.errors());
        w.printf("judge %s: first wrong step found in %d, none in %d, undecided %d%n", config.judge() instanceof JudgeChoice.Verifier
                ? "verifier" : judge, s.localized(), s.noErrorFound(), s.undecided());
        w.printf("rectification: %d of %d continuations right; %d step pairs (dropped: %s), %d whole-answer pairs%n",
                s.rightContinuations(), s.rectifications(), s.pairs(), s.dropped(), s.wholeAnswerPairs());
        w.printf("pairs: %s%ndpo pairs: %s%nrun %d recorded; took %.1f s%n", o.pairs().toAbsolutePath(),
                o.dpoPairs().toAbsolutePath(), o.runRecordId(), (System.nanoTime() - t0) / 1e9);
        w.flush();
        return 0;
    }
}
