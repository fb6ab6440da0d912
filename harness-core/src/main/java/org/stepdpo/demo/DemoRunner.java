package org.stepdpo.demo;

import org.stepdpo.progress.TrainingProgress;
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
import org.stepdpo.config.SuiteKeys;
import org.stepdpo.generation.Generator;
import org.stepdpo.config.suite.PairsSection;
import org.stepdpo.config.suite.SamplingSection;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.Problem;
import org.stepdpo.engine.training.Objective;
import org.stepdpo.engine.training.validation.BestModel;
import org.stepdpo.engine.training.validation.BestModelStore;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.judges.StepJudge;
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
import org.stepdpo.training.TrainingRuns;
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
     * @param benchmarks the suite's extra benchmarks: per benchmark, each model's greedy score (in model order)
     */
    public record Result(Path out, List<ModelScore> scores, Map<String, Integer> pairs,
                         List<StageTimer.Timing> timings, Path sftModel, boolean sftCached,
                         Map<String, Headroom> headroom, Map<String, ErrorMix> errors,
                         List<PairedComparison> comparisons, Map<String, BestModel> validation,
                         Map<String, List<ModelScore>> benchmarks) {
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

    /**
     * The suite's prompt template; one of kind chat ({@code template: chat}) is rendered with the chat template of
     * the suite's {@code model.path}, which a model built here does not have.
     */
    static PromptTemplate template(Suite suite) {
        PromptTemplates registry = PromptTemplates.builtin();
        if (registry.isChat(suite.template()) && suite.model().isBuiltHere()) {
            throw new IllegalArgumentException("suite " + suite.name() + ": template " + suite.template() + " is the "
                    + "model's own chat template, but the model is built here (no model.path), without one");
        }
        return registry.get(suite.template(), suite.model().isBuiltHere() ? null : Path.of(suite.model().path()));
    }

    public Result run(Suite suite, long seed, Path out, String device) {
        PromptTemplate template = template(suite);
        PipelineConfig config = pipelineConfig(suite, template, seed, out);
        List<String> objectives = objectives(suite);
        StageTimer timer = new StageTimer(log);
        TrainingProgress progress = new TrainingProgress(log);

        ToyModelBuilder.Built sft;
        if (!suite.model().isBuiltHere()) {
            // A Hugging Face folder: it is the starting ("sft") model as it is.
            Path folder = Path.of(suite.model().path());
            if (!Files.isRegularFile(folder.resolve("config.json"))) {
                throw new IllegalArgumentException("suite " + suite.name() + ": model.path " + folder
                        + " is not a Hugging Face model folder (no config.json)");
            }
            sft = new ToyModelBuilder.Built(folder, folder, true);
            log.println("== starting model: " + folder.toAbsolutePath());
        } else {
            ToyModelBuilder builder = new ToyModelBuilder(modelCache, log);
            if (Files.isRegularFile(builder.cacheDir(suite, template, seed).resolve(ToyModelBuilder.READY))) {
                sft = builder.build(suite, template, seed, progress);
                timer.reused("sft model");
            } else {
                sft = timer.time("sft model", () -> builder.build(suite, template, seed, progress));
            }
        }
        boolean cached = sft.cached();

        DatasetSelection testSelection = DemoData.test(suite, seed);
        DatasetAdapter testAdapter = DatasetAdapters.byName(testSelection.adapter());
        int evalTokens = GreedyEvaluation.maxTokens(suite);
        // Headroom: k samples per test problem at the data loop's temperature (0 = off).
        int headroomK = suite.evaluation().samplesOr(config.samplesPerProblem());
        List<Problem> testProblems = new ArrayList<>();
        Set<String> ran = new HashSet<>();
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("sft", sft.model());

        Map<String, Benchmark> benchmarks = Benchmark.of(suite, evalTokens);
        Map<String, List<Problem>> benchmarkProblems = new LinkedHashMap<>(); // each file read once, for every model
        Consumer<String> evaluate = name -> {
            if (testProblems.isEmpty()) {
                testProblems.addAll(DemoData.load(testSelection));
            }
            String label = suite.name() + "-" + name + "-seed" + seed;
            try (StepJudge judge = SuiteJudge.forEvaluation(config.judge(), testAdapter, template)) {
                new GreedyEvaluation(store).run(new GreedyEvaluation.Request(name, models.get(name), label,
                        testSelection, testAdapter, template, judge, evalTokens, device, suite.name(),
                        out.resolve("eval-" + name)), testProblems);
                if (headroomK > 0) {
                    HeadroomEvaluation.run(new HeadroomEvaluation.Request(models.get(name), name, testProblems,
                            testAdapter, template, config.sampling().withMaxTokens(evalTokens), headroomK, seed, device),
                            out.resolve("eval-" + name));
                }
                for (Benchmark b : benchmarks.values()) {
                    new GreedyEvaluation(store).run(new GreedyEvaluation.Request(name, models.get(name), label,
                            b.selection(), b.adapter(), template, judge, b.maxTokens(), device, suite.name(),
                            b.folder(out, name)), benchmarkProblems.computeIfAbsent(b.name(),
                            bench -> DemoData.load(b.selection())));
                }
            }
        };
        List<DownstreamStage> stages = new ArrayList<>();
        stages.add(stage("eval-sft", ran, timer, o -> evaluate.accept("sft")));
        for (String name : objectives) {
            Objective objective = Objective.parse(name);
            stages.add(stage("train-" + name, ran, timer, o -> train(suite, template, objective, sft.model(), o,
                    seed, device, progress)));
            stages.add(stage("eval-" + name, ran, timer, o -> {
                models.put(name, PreferenceTraining.trainedModel(out.resolve("train-" + name), sft.model()));
                evaluate.accept(name);
            }));
        }

        boolean loopDone = Files.isRegularFile(out.resolve(PipelineOutputs.DPO_PAIRS));
        log.println("run folder: " + out.toAbsolutePath());
        long t0 = System.nanoTime();
        PipelineOutputs outputs;
        try (Generator policy = SuitePolicy.open(suite, sft.model(), sft.cacheDir().getFileName().toString(), device,
                System::getenv)) {
            log.println("== data loop (error collection -> localization -> rectification -> pairs)"
                    + (suite.generator().isRemote() ? "; sampling on " + suite.generator().url() : ""));
            outputs = new PipelineRunner(policy, new RunStoreRecorder(store,
                    () -> SuitePolicy.where(suite, Provenance.device(device))), stages, log).run(config);
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
        List<String> evaluated = new ArrayList<>(List.of("sft"));
        evaluated.addAll(objectives.stream().sorted(java.util.Comparator.comparingInt(MODELS::indexOf)).toList());
        Map<String, List<ModelScore>> others = new LinkedHashMap<>();
        for (Benchmark b : benchmarks.values()) {
            others.put(b.name(), evaluated.stream()
                    .map(name -> GreedyEvaluation.read(b.folder(out, name).resolve(GreedyEvaluation.SCORE))).toList());
        }
        for (String name : evaluated) {
            Path dir = out.resolve("eval-" + name);
            scores.add(GreedyEvaluation.read(dir.resolve(GreedyEvaluation.SCORE)));
            errors.put(name, ErrorMix.read(dir.resolve(GreedyEvaluation.RESULTS)));
            if (Files.isRegularFile(dir.resolve(HeadroomEvaluation.FILE))) {
                headroom.put(name, HeadroomEvaluation.read(dir.resolve(HeadroomEvaluation.FILE)));
            }
        }
        List<PairedComparison> comparisons = new ArrayList<>();
        for (String[] ab : List.of(new String[] {"step-dpo", "sft"}, new String[] {"step-dpo", "dpo"},
                new String[] {"dpo", "sft"})) {
            if (evaluated.contains(ab[0]) && evaluated.contains(ab[1])) {
                comparisons.add(PairedComparison.of(ab[0], evaluationResults(out, ab[0]), ab[1],
                        evaluationResults(out, ab[1])));
            }
        }
        Map<String, Integer> pairs = new LinkedHashMap<>();
        pairs.put("sft", 0);
        pairs.put("dpo", outputs.summary().wholeAnswerPairs());
        pairs.put("step-dpo", outputs.summary().pairs());
        Map<String, BestModel> validation = new LinkedHashMap<>();
        for (String name : objectives) {
            BestModelStore.read(out.resolve("train-" + name)).ifPresent(best -> validation.put(name, best));
        }
        DemoLeaderboard.write(out.resolve(DemoLeaderboard.FILE),
                DemoLeaderboard.entries(scores, pairs, headroom, errors, comparisons, validation, others));
        writeDemoJson(out, suite, seed, sft, timings, pairs);
        return new Result(out, scores, pairs, timings, sft.model(), cached, headroom, errors, comparisons, validation,
                others);
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

            @Override
            public boolean logsItsTime() {
                return true; // the timer's "== NAME done in" line
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
        settings.put("training", SuiteKeys.tree(suite.training().of(objective.cliName())));
        settings.put("steps", steps);
        settings.put("seed", seed);
        settings.put("template", Map.of("name", template.name(), "prompt", template.prompt(),
                "response_prefix", template.responsePrefix()));
        Path trainDir = o.runDir().resolve("train-" + objective.cliName());
        // the training resumes its folder, so its stored run does too (an interrupted one is continued)
        long runId = TrainingRuns.open(store, new NewRun(RunKind.TRAIN, "demo " + objective.cliName() + " seed " + seed,
                org.stepdpo.evaluation.ModelNames.of(sftModel), objective.cliName(), suite.name(), pairs.toString(),
                Provenance.describeJson(Provenance.commandLine(), Map.of("pairs", pairs), settings),
                Provenance.projectVersion(), Provenance.gitCommit(),
                Provenance.device(device), trainDir.toAbsolutePath().toString()), true).runId();
        TrainingRunRecorder recorder = new TrainingRunRecorder(store, runId, progress.named(objective.cliName()));
        try {
            PreferenceTraining.train(suite, template, objective, sftModel, pairs,
                    stepDpo ? o.summary().pairs() : o.summary().wholeAnswerPairs(), steps, seed, device,
                    trainDir, recorder);
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


    /**
     * The preference objectives the suite trains, in the order they run: those of {@code step-dpo} and {@code dpo}
     * that its {@code training} section names, or both when it names neither.
     */
    static List<String> objectives(Suite suite) {
        List<String> named = suite.training().named().stream().filter(List.of("step-dpo", "dpo")::contains).toList();
        return named.isEmpty() ? List.of("step-dpo", "dpo") : named;
    }

    static PipelineConfig pipelineConfig(Suite suite, PromptTemplate template, long seed, Path out) {
        SamplingSection s = suite.sampling();
        SamplingSettings sampling = new SamplingSettings(s.temperature(), s.topP(), s.topK(), s.maxTokens(), List.of());
        PairsSection p = suite.pairs();
        PairRules rules = new PairRules(true, true, p.maxPairsPerError(), p.maxPairsPerProblem(), p.maxStepChars(),
                p.maxDpoPairsPerProblem());
        DatasetSelection problems = DemoData.train(suite, seed);
        if (s.problems() > 0) {
            // The data loop may use fewer problems of the train split than SFT did (the first N of them): the
            // generator's n for arith, the file adapters' limit otherwise.
            Map<String, String> options = new LinkedHashMap<>(problems.options());
            options.put("arith".equals(problems.adapter()) ? "n" : "limit", Integer.toString(s.problems()));
            problems = new DatasetSelection(problems.adapter(), problems.source(), options);
        }
        return new PipelineConfig(problems, template, s.k(), sampling, SuiteJudge.choice(suite, sampling, System::getenv),
                suite.rectification().n(), sampling, rules, seed, s.batch(), out);
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
