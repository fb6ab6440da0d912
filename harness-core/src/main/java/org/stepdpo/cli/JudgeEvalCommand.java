package org.stepdpo.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stepdpo.evaluation.Provenance;
import org.stepdpo.config.PromptTemplates;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.generation.EndpointTraffic;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.judgeeval.JudgeEvalJob;
import org.stepdpo.judgeeval.ReferenceAnswers;
import org.stepdpo.judges.JudgeChoice;
import org.stepdpo.judges.StepJudge;
import org.stepdpo.reports.metrics.JudgeAgreement;
import org.stepdpo.reports.runs.RunStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stepdpo judge-eval}: how well a step judge finds the first wrong step of labelled solutions (ProcessBench). */
@Command(name = "judge-eval", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = SuiteDefaults.Judges.class,
        description = {"Score a step judge on ProcessBench: the judge names the first wrong step of each labelled solution;",
                "acc_err (erroneous solutions whose earliest wrong step it names exactly), acc_ok (correct solutions it calls",
                "correct) and their harmonic mean F1, per split. Each split is stored as a run (kind judge) for the",
                "dashboard; OUT receives results.jsonl (one line per item) and summary.json."})
public class JudgeEvalCommand implements Callable<Integer> {

    @Option(names = "--processbench", required = true, arity = "1..*", paramLabel = "FILE",
            description = "ProcessBench split file(s), e.g. ../shared/data/processbench/gsm8k.json; one run per file")
    List<Path> files;

    @Option(names = "--judge", required = true,
            description = "Step judge: llm (chat API), rollout (Monte Carlo with a policy; needs --answers), "
                    + "verifier (the arith task only)")
    String judge;

    @Mixin
    JudgeOptions judgeOptions;

    @Option(names = "--judge-sees-answer",
            description = "llm judge: show it the reference answer (needs --answers; ProcessBench's protocol does not)")
    boolean judgeSeesAnswer;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Judge N items of each split, spread evenly over the file (the files list erroneous solutions "
                    + "first); 0 = all (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--answers", paramLabel = "FILE",
            description = "The benchmark's own data file (e.g. gsm8k/test.jsonl), whose reference answers are matched "
                    + "to the items by problem text; with --adapter")
    Path answers;

    @Option(names = "--adapter", paramLabel = "NAME",
            description = "Adapter that reads --answers and grades rollouts: ${COMPLETION-CANDIDATES}",
            completionCandidates = EvalCommand.AdapterNames.class)
    String adapter;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Policy of the rollout judge:%n")
    PolicyChoice policy;

    @Option(names = "--template", defaultValue = "qwen2-boxed-step", paramLabel = "NAME",
            description = "rollout judge: prompt template (default: ${DEFAULT-VALUE}); chat, chat-boxed, chat-step: the "
                    + "--model folder's own chat template")
    String template;

    @Mixin
    DeviceOption device;

    @Option(names = "--precision", description = "Native engine precision: fp32 or bf16")
    String precision;

    @Option(names = "--temperature", description = "rollout judge: sampling temperature (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-p", description = "rollout judge: nucleus mass (default: ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--max-tokens", defaultValue = "1024", description = "rollout judge: longest continuation (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--seed", defaultValue = "1", description = "Run seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: a new folder under the data folder)")
    Path out;

    @Spec
    CommandSpec spec;

    @Inject
    RunStore store;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be >= 0, got " + limit);
        }
        if (judge.equals("verifier")) {
            throw new ParameterException(spec.commandLine(), "the verifier judge checks the arith task's own chains; "
                    + "ProcessBench solutions need --judge llm or --judge rollout");
        }
        if ((answers == null) != (adapter == null)) {
            throw new ParameterException(spec.commandLine(), "--answers and --adapter go together");
        }
        if (judge.equals("rollout") && (answers == null || policy == null)) {
            throw new ParameterException(spec.commandLine(), "--judge rollout needs a policy (--model DIR or --openai-url "
                    + "and --openai-model) and the reference answers (--answers FILE --adapter NAME)");
        }
        if (judgeSeesAnswer && answers == null) {
            throw new ParameterException(spec.commandLine(), "--judge-sees-answer needs --answers and --adapter");
        }
        SamplingSettings sampling = new SamplingSettings(temperature, topP, 0, maxTokens, List.of());
        JudgeChoice choice = judgeOptions.choice(judge, sampling, judgeSeesAnswer);
        DatasetAdapter dataset = adapter == null ? null : DatasetAdapters.byName(adapter);
        ReferenceAnswers references = answers == null ? null : new ReferenceAnswers(dataset, answers);
        Path outDir = out != null ? out : DataFolder.newRun("judge-eval");
        List<String> commandLine = Provenance.commandLine();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("judge_kind", judge);
        settings.put("judge_choice", choice.toString());

        List<JudgeEvalJob.SplitOutcome> outcomes;
        try (Generator generator = policy == null ? null : policy.open(device.choice(), precision);
             StepJudge stepJudge = choice.create(generator, dataset, policy == null
                     ? PromptTemplates.builtin().get(template) : policy.template(PromptTemplates.builtin(), template))) {
            outcomes = new JudgeEvalJob(store, stepJudge).run(new JudgeEvalJob.Request(files, limit, references, seed,
                    outDir, commandLine, settings));
            print(stepJudge.name(), outcomes, outDir);
            printTraffic("judge", stepJudge.traffic());
            if (generator != null) {
                printTraffic("policy", generator.traffic());
            }
        }
        return 0;
    }

    private void print(String judgeName, List<JudgeEvalJob.SplitOutcome> outcomes, Path outDir) {
        var w = spec.commandLine().getOut();
        for (JudgeEvalJob.SplitOutcome o : outcomes) {
            JudgeAgreement a = o.agreement();
            w.printf(Locale.ROOT, "%s on %s: %d items; acc_err %s (%d/%d), acc_ok %s (%d/%d), F1 %s; no verdict %d; run %d%n",
                    judgeName, o.benchmark(), o.items().size(), percent(a.accErr()), a.erroneousMatched(), a.erroneous(),
                    percent(a.accOk()), a.correctMatched(), a.correctItems(), percent(a.f1()), a.unjudged(), o.runId());
        }
        w.printf("results in %s%n", outDir.toAbsolutePath());
        w.flush();
    }

    /** Which servers answered how many requests, where the judge or the policy is served over HTTP. */
    private void printTraffic(String role, EndpointTraffic traffic) {
        if (!traffic.idle()) {
            var w = spec.commandLine().getOut();
            w.printf("%s servers: %d requests, %d failed attempt(s) retried: %s%n", role, traffic.served(),
                    traffic.failed(), traffic.describe());
            w.flush();
        }
    }

    private static String percent(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
