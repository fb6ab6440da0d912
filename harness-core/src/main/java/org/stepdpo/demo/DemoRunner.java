package org.stepdpo.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.config.PromptTemplates;
import org.stepdpo.config.Suite;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.Problem;
import org.stepdpo.engine.training.Objective;
import org.stepdpo.engine.training.validation.BestModel;
import org.stepdpo.engine.training.validation.BestModelStore;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.judges.JudgeChoice;
import org.stepdpo.judges.VerifierJudge;
import org.stepdpo.pipeline.DatasetSelection;
import org.stepdpo.pipeline.DownstreamStage;
import org.stepdpo.pipeline.PairRules;
import org.stepdpo.pipeline.PipelineConfig;
import org.stepdpo.pipeline.PipelineOutputs;
import org.stepdpo.pipeline.PipelineRunner;
import org.stepdpo.pipeline.RunStoreRecorder;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.evaluation.Provenance;
import org.stepdpo.training.TrainingRunRecorder;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.NewRun;

/**
 * {@code stepdpo demo} end to end: the suite's SFT model (cached), one Step-DPO data iteration on the train
 * split, Step-DPO and vanilla DPO from the SFT model on the same budget, greedy evaluation of all three on the
 * test split, and the leaderboard. The run folder is the pipeline's: training and evaluation are its
 * {@link DownstreamStage}s, so a run interrupted at any point resumes without redoing finished stages.
 */
public final class DemoRunner {

    public static final List<String> MODELS = List.of("sft", "dpo", "step-dpo");

    /**
     * What the demo produced.
     *
     * @param validation per trained model that validated (suite key {@code validation_problems}): the checkpoint
     *                   its test evaluation used, with its step and validation accuracy
     */
    public record Result(Path out, List<ModelScore> scores, Map<String, Integer> pairs,
                         List<StageTimer.Timing> timings, Path sftModel, boolean sftCached,
                         Map<String, Headroom> headroom, Map<String, ErrorMix> errors,
                         List<PairedComparison> comparisons, Map<String, BestModel> validation) {
    }

    private final RunStore store;
    private final Path modelCache;
    private final PrintStream log;

    public DemoRunner(RunStore store, Path modelCache, PrintStream log) {
        this.store = store;
        this.modelCache = modelCache;
        this.log = log;
    }

    /**
     * The per-problem results ({@code results.jsonl}: {@code id}, {@code correct}, {@code steps},
     * {@code first_error_step} (0-based) ...) of one model's evaluation in a finished run folder.
     */
    public static Path evaluationResults(Path out, String model) {
        return out.resolve("eval-" + model).resolve(GreedyEvaluation.RESULTS);
    }

    public Result run(Suite suite, long seed, Path out, String device) {
        PromptTemplate template = PromptTemplates.builtin().get(suite.template());
        if (!"verifier".equals(suite.judge().getOrDefault("kind", "verifier"))) {
            throw new IllegalArgumentException("suite " + suite.name() + ": the demo needs judge.kind verifier (exact "
                    + "per-step metrics), got " + suite.judge().get("kind"));
        }
        StageTimer timer = new StageTimer(log);
        TrainingProgress progress = new TrainingProgress(log);

        ToyModelBuilder builder = new ToyModelBuilder(modelCache, log);
        boolean cached = Files.isRegularFile(builder.cacheDir(suite, template, seed).resolve(ToyModelBuilder.READY));
        ToyModelBuilder.Built sft;
        if (cached) {
            sft = builder.build(suite, template, seed, progress);
            timer.reused("sft model");
        } else {
            sft = timer.time("sft model", () -> builder.build(suite, template, seed, progress));
        }

        DatasetSelection testSelection = DemoData.test(suite, seed);
        DatasetAdapter testAdapter = DatasetAdapters.byName(testSelection.adapter());
        int evalTokens = GreedyEvaluation.maxTokens(suite);
        PipelineConfig config = pipelineConfig(suite, template, seed, out);
        // Headroom: k samples per test problem at the data loop's temperature (0 = off).
        int headroomK = new SuiteValues(suite, "evaluation", suite.evaluation()).integer("samples",
                config.samplesPerProblem());
        List<Problem> testProblems = new ArrayList<>();
        Set<String> ran = new HashSet<>();
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("sft", sft.model());

        Consumer<String> evaluate = name -> {
            if (testProblems.isEmpty()) {
                testProblems.addAll(DemoData.load(testSelection));
            }
            new GreedyEvaluation(store).run(new GreedyEvaluation.Request(name, models.get(name),
                    suite.name() + "-" + name + "-seed" + seed, testSelection, testAdapter, template,
                    new VerifierJudge(), evalTokens, device, suite.name(), out.resolve("eval-" + name)), testProblems);
            if (headroomK > 0) {
                HeadroomEvaluation.run(new HeadroomEvaluation.Request(models.get(name), name, testProblems, testAdapter,
                        template, config.sampling().withMaxTokens(evalTokens), headroomK, seed, device),
                        out.resolve("eval-" + name));
            }
        };
        List<DownstreamStage> stages = new ArrayList<>();
        stages.add(stage("eval-sft", ran, timer, o -> evaluate.accept("sft")));
        stages.add(stage("train-step-dpo", ran, timer, o -> train(suite, template, Objective.STEP_DPO, sft.model(), o,
                seed, device, progress)));
        stages.add(stage("eval-step-dpo", ran, timer, o -> {
            models.put("step-dpo", PreferenceTraining.trainedModel(out.resolve("train-step-dpo"), sft.model()));
            evaluate.accept("step-dpo");
        }));
        stages.add(stage("train-dpo", ran, timer, o -> train(suite, template, Objective.DPO, sft.model(), o, seed,
                device, progress)));
        stages.add(stage("eval-dpo", ran, timer, o -> {
            models.put("dpo", PreferenceTraining.trainedModel(out.resolve("train-dpo"), sft.model()));
            evaluate.accept("dpo");
        }));

        boolean loopDone = Files.isRegularFile(out.resolve(PipelineOutputs.DPO_PAIRS));
        log.println("run folder: " + out.toAbsolutePath());
        long t0 = System.nanoTime();
        PipelineOutputs outputs;
        try (LazyPolicy policy = new LazyPolicy(sft.model(), sft.cacheDir().getFileName().toString(), device)) {
            log.println("== data loop (error collection -> localization -> rectification -> pairs)");
            outputs = new PipelineRunner(policy, new RunStoreRecorder(store), stages, log).run(config);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        double downstream = timer.timings().stream().filter(t -> ran.contains(t.stage()))
                .mapToDouble(StageTimer.Timing::seconds).sum();
        List<StageTimer.Timing> timings = new ArrayList<>();
        timer.timings().stream().filter(t -> t.stage().equals("sft model")).forEach(timings::add);
        timings.add(new StageTimer.Timing("data loop", total - downstream, loopDone));
        for (DownstreamStage s : stages) {
            timer.timings().stream().filter(t -> t.stage().equals(s.name())).findFirst()
                    .ifPresentOrElse(timings::add, () -> timings.add(new StageTimer.Timing(s.name(), 0, true)));
        }

        List<ModelScore> scores = new ArrayList<>();
        Map<String, Headroom> headroom = new LinkedHashMap<>();
        Map<String, ErrorMix> errors = new LinkedHashMap<>();
        for (String name : MODELS) {
            Path dir = out.resolve("eval-" + name);
            scores.add(GreedyEvaluation.read(dir.resolve(GreedyEvaluation.SCORE)));
            errors.put(name, ErrorMix.read(dir.resolve(GreedyEvaluation.RESULTS)));
            if (Files.isRegularFile(dir.resolve(HeadroomEvaluation.FILE))) {
                headroom.put(name, HeadroomEvaluation.read(dir.resolve(HeadroomEvaluation.FILE)));
            }
        }
        List<PairedComparison> comparisons = List.of(
                PairedComparison.of("step-dpo", evaluationResults(out, "step-dpo"), "sft", evaluationResults(out, "sft")),
                PairedComparison.of("step-dpo", evaluationResults(out, "step-dpo"), "dpo", evaluationResults(out, "dpo")),
                PairedComparison.of("dpo", evaluationResults(out, "dpo"), "sft", evaluationResults(out, "sft")));
        Map<String, Integer> pairs = new LinkedHashMap<>();
        pairs.put("sft", 0);
        pairs.put("dpo", outputs.summary().wholeAnswerPairs());
        pairs.put("step-dpo", outputs.summary().pairs());
        Map<String, BestModel> validation = new LinkedHashMap<>();
        for (String name : List.of("dpo", "step-dpo")) {
            BestModelStore.read(out.resolve("train-" + name)).ifPresent(best -> validation.put(name, best));
        }
        DemoLeaderboard.write(out.resolve(DemoLeaderboard.FILE),
                DemoLeaderboard.entries(scores, pairs, headroom, errors, comparisons, validation));
        writeDemoJson(out, suite, seed, sft, timings, pairs);
        return new Result(out, scores, pairs, timings, sft.model(), cached, headroom, errors, comparisons, validation);
    }

    private static DownstreamStage stage(String name, Set<String> ran, StageTimer timer, Consumer<PipelineOutputs> work) {
        return new DownstreamStage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(PipelineOutputs outputs) {
                ran.add(name);
                timer.time(name, () -> work.accept(outputs));
            }
        };
    }

    /** Trains one objective and stores it as a TRAIN run with its per-step metrics (the dashboard's curves). */
    private void train(Suite suite, PromptTemplate template, Objective objective, Path sftModel,
                       PipelineOutputs o, long seed, String device, TrainingProgress progress) {
        int steps = PreferenceTraining.budget(suite, o.summary().pairs());
        boolean stepDpo = objective == Objective.STEP_DPO;
        Path pairs = stepDpo ? o.pairs() : o.dpoPairs();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("objective", objective.cliName());
        settings.put("suite", suite.name());
        settings.put("training", suite.training().get(objective.cliName()));
        settings.put("steps", steps);
        settings.put("seed", seed);
        settings.put("template", Map.of("name", template.name(), "prompt", template.prompt(),
                "response_prefix", template.responsePrefix()));
        long runId = store.startRun(new NewRun(RunKind.TRAIN, "demo " + objective.cliName() + " seed " + seed,
                sftModel.toString(), objective.cliName(), suite.name(), pairs.toString(),
                Provenance.describeJson(List.of("stepdpo", "demo"), Map.of("pairs", pairs), settings),
                Provenance.projectVersion(), Provenance.gitCommit(),
                Provenance.device(device), o.runDir().toString()));
        TrainingRunRecorder recorder = new TrainingRunRecorder(store, runId, progress.named(objective.cliName()));
        try {
            PreferenceTraining.train(suite, template, objective, sftModel, pairs,
                    stepDpo ? o.summary().pairs() : o.summary().wholeAnswerPairs(), steps, seed, device,
                    o.runDir().resolve("train-" + objective.cliName()), recorder);
            recorder.flush();
            store.finishRun(runId);
            log.printf("%s: train run %d stored%n", objective.cliName(), runId);
            BestModelStore.read(o.runDir().resolve("train-" + objective.cliName())).ifPresent(best -> log.printf(
                    "%s: best validation accuracy %.1f%% at step %d of %d; the test evaluation uses %s%n",
                    objective.cliName(), 100 * best.score(), best.step(), steps, best.folder()));
        } catch (RuntimeException e) {
            recorder.flush();
            store.failRun(runId, e.toString());
            throw e;
        }
    }


    static PipelineConfig pipelineConfig(Suite suite, PromptTemplate template, long seed, Path out) {
        SuiteValues s = new SuiteValues(suite, "sampling", suite.sampling());
        SamplingSettings sampling = new SamplingSettings(s.number("temperature", 0.8), s.number("top_p", 0.95),
                s.integer("top_k", 0), s.integer("max_tokens", 512), List.of());
        SuiteValues p = new SuiteValues(suite, "pairs", suite.pairs());
        PairRules rules = new PairRules(true, true, p.integer("max_pairs_per_error", 1),
                p.integer("max_pairs_per_problem", 0), p.integer("max_step_chars", 0),
                p.integer("max_dpo_pairs_per_problem", 0));
        int n = new SuiteValues(suite, "rectification", suite.rectification()).integer("n", 20);
        DatasetSelection problems = DemoData.train(suite, seed);
        if (s.has("problems")) {
            // The data loop may use fewer problems of the train split than SFT did (the first N of them).
            Map<String, String> options = new LinkedHashMap<>(problems.options());
            options.put("n", Integer.toString(s.integer("problems", 1)));
            problems = new DatasetSelection(problems.adapter(), problems.source(), options);
        }
        return new PipelineConfig(problems, template, s.integer("k", 4), sampling,
                new JudgeChoice.Verifier(), n, sampling, rules, seed, s.integer("batch", 64), out);
    }

    private static void writeDemoJson(Path out, Suite suite, long seed, ToyModelBuilder.Built sft,
                                      List<StageTimer.Timing> timings, Map<String, Integer> pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("suite", suite.name());
        m.put("seed", seed);
        m.put("sft_model", sft.model().toAbsolutePath().toString());
        m.put("pairs", pairs);
        List<Map<String, Object>> t = new ArrayList<>();
        for (StageTimer.Timing timing : timings) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("stage", timing.stage());
            e.put("seconds", timing.seconds());
            e.put("reused", timing.reused());
            t.add(e);
        }
        m.put("timings", t);
        try {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve("demo.json").toFile(), m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve("demo.json") + ": " + e.getMessage(), e);
        }
    }
}
