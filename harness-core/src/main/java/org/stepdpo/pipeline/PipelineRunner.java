package org.stepdpo.pipeline;

import org.stepdpo.evaluation.Provenance;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.stepdpo.engine.checkpoint.RunFingerprint;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.Grade;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.Problem;
import org.stepdpo.generation.EndpointTraffic;
import org.stepdpo.generation.GeneratedText;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.generation.Seeds;
import org.stepdpo.judges.JudgeChoice;
import org.stepdpo.judges.JudgeInput;
import org.stepdpo.judges.Judgement;
import org.stepdpo.judges.StepAssessment;
import org.stepdpo.judges.StepJudge;
import org.stepdpo.metrics.AnswerMetrics;
import org.stepdpo.pipeline.Records.ErrorLine;
import org.stepdpo.pipeline.Records.LocalizedLine;
import org.stepdpo.pipeline.Records.RectificationLine;
import org.stepdpo.pipeline.Records.SampleLine;
import org.stepdpo.pipeline.Records.StepSpan;
import org.stepdpo.pipeline.Records.VerdictLine;
import org.stepdpo.progress.ProgressBar;
import org.stepdpo.reports.runs.SampleRecord;
import org.stepdpo.reports.runs.StepRecord;
import org.stepdpo.reports.runs.StepVerdict;
import org.stepdpo.steps.Step;
import org.stepdpo.steps.StepSegmenter;

/**
 * One Step-DPO data iteration (docs/METHOD.md, paper section 3.2) in a run folder: error collection
 * ({@code samples.jsonl}, {@code errors.jsonl}), step localization ({@code localized.jsonl}), rectification
 * ({@code rectifications.jsonl}), pairs ({@code pairs.jsonl}, and {@code dpo_pairs.jsonl} for the vanilla
 * DPO baseline), then the {@link DownstreamStage}s (training, evaluation).
 *
 * <p>Resumable after {@code kill -9} at any moment: work units are done in a fixed order and appended one
 * line each, written through ({@link JsonlLog}); every request's seed derives from the run seed and the
 * unit's identity, so a unit redone after a crash gives what the lost one would have; a stage is marked
 * complete in {@code state.json} only after its output is complete; derived files are replaced atomically.
 * Running the same config on the folder again continues where it stopped.
 */
public final class PipelineRunner {

    static final String RUN_JSON = "run.json";
    static final String SUMMARY_JSON = "summary.json";

    private static final StepSegmenter SEGMENTER = new StepSegmenter();

    private final Generator generator;
    private final PipelineRecorder recorder;
    private final List<DownstreamStage> downstream;
    private final PrintStream log;

    /**
     * @param generator  the policy: it writes the answers and the continuations (and the rollouts of a rollout judge)
     * @param recorder   where the run is recorded besides its folder ({@link PipelineRecorder#NONE} for nowhere)
     * @param downstream what runs once the pairs are complete, in order (training, evaluation); may be empty
     */
    public PipelineRunner(Generator generator, PipelineRecorder recorder, List<DownstreamStage> downstream) {
        this(generator, recorder, downstream, System.err);
    }

    public PipelineRunner(Generator generator, PipelineRecorder recorder, List<DownstreamStage> downstream,
                          PrintStream log) {
        this.generator = generator;
        this.recorder = recorder;
        this.downstream = List.copyOf(downstream);
        this.log = log;
    }

    public PipelineOutputs run(PipelineConfig config) {
        Path dir = config.outDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder " + dir + ": " + e.getMessage(), e);
        }
        ObjectNode identity = describe(config, generator.modelName());
        claimFolder(dir, identity, config);
        RunState state = RunState.load(dir);

        DatasetAdapter adapter = DatasetAdapters.byName(config.dataset().adapter());
        List<Problem> problems = adapter.load(Path.of(config.dataset().source()),
                new LoadOptions(false, config.dataset().options())).problems();
        Context cx = new Context(config, adapter, problems, dir);

        boolean recordClosed = state.done("recorded");
        long recordId = state.recordId();
        if (!recordClosed) {
            recordId = recorder.start(config, provenance(config, identity), generator.modelName(), state.recordId());
            state.recordId(recordId);
        }
        try (StepJudge judge = config.judge().create(generator, adapter, config.template())) {
            Traffic traffic = new Traffic(dir, judge);
            List<SampleLine> samples = sample(cx, state);
            traffic.stageDone("sampling");
            List<ErrorLine> errors = collectErrors(cx, state, samples);
            List<LocalizedLine> localized = localize(cx, state, judge, errors);
            traffic.stageDone("localization");
            List<SampleRecord> records = sampleRecords(cx, samples, localized);
            if (!state.done("record-samples")) {
                recorder.problems(recordId, cx.problems());
                recorder.samplesJudged(recordId, records);
                state.complete("record-samples");
            }
            List<RectificationLine> rectifications = rectify(cx, state, errors, localized);
            traffic.stageDone("rectification");
            PipelineSummary summary = buildPairs(cx, state, samples, errors, localized, rectifications, judge.name(),
                    AnswerMetrics.of(records.stream().map(SampleRecord::scored).toList()));
            if (!recordClosed) {
                recorder.finished(recordId, summary);
                state.complete("recorded");
                recordClosed = true;
            }
            PipelineOutputs outputs = new PipelineOutputs(config, dir, generator.modelName(), summary, recordId);
            for (DownstreamStage stage : downstream) {
                String key = "downstream:" + stage.name();
                if (!state.done(key)) {
                    long t0 = System.nanoTime();
                    stage.run(outputs);
                    state.complete(key);
                    if (!stage.logsItsTime()) {
                        log.printf("stage %s done in %.1f s%n", stage.name(), (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            return outputs;
        } catch (RuntimeException e) {
            if (!recordClosed) {
                try {
                    recorder.failed(recordId, e.toString());
                } catch (RuntimeException storing) {
                    e.addSuppressed(storing); // the user needs the first failure, not the one of recording it
                }
            }
            throw e;
        }
    }

    /**
     * Each stage's requests per server, logged and added to the folder's {@link ServerTrafficLog} when the stage
     * ends: the policy's (samples, rectifications, and the rollouts of a rollout judge) and an LLM judge's own.
     */
    private final class Traffic {
        private final Path dir;
        private final StepJudge judge;
        private EndpointTraffic policyBefore;
        private EndpointTraffic judgeBefore;

        Traffic(Path dir, StepJudge judge) {
            this.dir = dir;
            this.judge = judge;
            this.policyBefore = generator.traffic();
            this.judgeBefore = judge.traffic();
        }

        void stageDone(String stage) {
            EndpointTraffic policyNow = generator.traffic();
            EndpointTraffic judgeNow = judge.traffic();
            ServerTrafficLog.add(dir, stage, "policy", policyNow.since(policyBefore), log);
            ServerTrafficLog.add(dir, stage, "judge", judgeNow.since(judgeBefore), log);
            policyBefore = policyNow;
            judgeBefore = judgeNow;
        }
    }

    /**
     * The stored run's provenance: the shape every run kind has ({@link Provenance#describe}), with the identity
     * and the servers asked (which are not part of the identity: any replica of the model may answer).
     */
    @SuppressWarnings("unchecked")
    private String provenance(PipelineConfig c, ObjectNode identity) {
        Path data = Path.of(c.dataset().source());
        Map<String, Object> settings = new LinkedHashMap<>(JsonlLog.JSON.convertValue(identity, Map.class));
        List<String> policyServers = generator.traffic().servers().stream().map(EndpointTraffic.Server::baseUrl).toList();
        if (!policyServers.isEmpty()) {
            settings.put("policy_servers", policyServers);
        }
        if (c.judge() instanceof JudgeChoice.Llm l) {
            settings.put("judge_servers", l.endpoints().baseUrls());
        }
        return Provenance.describeJson(Provenance.commandLine(), Files.isRegularFile(data) ? Map.of("data", data)
                : Map.of(), settings);
    }

    /**
     * What is fixed for the life of the folder; batch sizes and connection settings may change between attempts,
     * and so may the servers: the judge's URLs are not part of it.
     */
    static ObjectNode describe(PipelineConfig c, String sourceModel) {
        ObjectNode n = JsonlLog.JSON.createObjectNode();
        n.put("source_model", sourceModel);
        ObjectNode data = n.putObject("dataset");
        data.put("adapter", c.dataset().adapter());
        data.put("source", c.dataset().source());
        ObjectNode options = data.putObject("options");
        c.dataset().options().forEach(options::put);
        ObjectNode template = n.putObject("template");
        template.put("name", c.template().name());
        template.put("prompt", c.template().prompt());
        template.put("response_prefix", c.template().responsePrefix());
        n.put("samples_per_problem", c.samplesPerProblem());
        n.set("sampling", sampling(c.sampling()));
        ObjectNode judge = n.putObject("judge");
        if (c.judge() instanceof JudgeChoice.Verifier) {
            judge.put("kind", "verifier");
        } else if (c.judge() instanceof JudgeChoice.Rollout r) {
            judge.put("kind", "rollout");
            judge.put("rollouts", r.rollouts());
            judge.put("threshold", r.threshold());
            judge.set("sampling", sampling(r.sampling()));
        } else if (c.judge() instanceof JudgeChoice.Llm l) {
            judge.put("kind", "llm");
            judge.put("model", l.endpoints().model());
            judge.put("show_reference_answer", l.showReferenceAnswer());
            judge.put("max_tokens", l.maxTokens());
        }
        n.put("rectifications_per_error", c.rectificationsPerError());
        n.set("rectification_sampling", sampling(c.rectificationSampling()));
        ObjectNode rules = n.putObject("pair_rules");
        rules.put("dedupe", c.pairRules().dedupe());
        rules.put("drop_identical", c.pairRules().dropIdentical());
        rules.put("max_pairs_per_error", c.pairRules().maxPairsPerError());
        rules.put("max_pairs_per_problem", c.pairRules().maxPairsPerProblem());
        rules.put("max_step_chars", c.pairRules().maxStepChars());
        rules.put("max_dpo_pairs_per_problem", c.pairRules().maxDpoPairsPerProblem());
        n.put("seed", c.seed());
        return n;
    }

    private static ObjectNode sampling(SamplingSettings s) {
        ObjectNode n = JsonlLog.JSON.createObjectNode();
        n.put("temperature", s.temperature());
        n.put("top_p", s.topP());
        n.put("top_k", s.topK());
        n.put("max_tokens", s.maxTokens());
        s.stop().forEach(n.putArray("stop")::add);
        return n;
    }

    /** Writes run.json in a new folder; in a used one, refuses a different configuration. */
    private static void claimFolder(Path dir, ObjectNode identity, PipelineConfig config) {
        Path runJson = dir.resolve(RUN_JSON);
        try {
            // Through text and back, so that numbers compare by value and not by Java type.
            identity = (ObjectNode) JsonlLog.JSON.readTree(identity.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (Files.exists(runJson)) {
            JsonNode before;
            try {
                before = JsonlLog.JSON.readTree(Files.readString(runJson)).path("identity");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + runJson + ": " + e.getMessage(), e);
            }
            if (before.path("judge") instanceof ObjectNode judge) {
                judge.remove("base_url"); // folders written before the servers left the identity
            }
            List<String> differences = RunFingerprint.differences(before, identity);
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException(dir + " holds a run with another configuration (" + String.join("; ",
                        differences) + "); resume it with the same settings, or choose another output folder");
            }
            return;
        }
        ObjectNode run = JsonlLog.JSON.createObjectNode();
        run.set("identity", identity);
        run.put("batch_size", config.batchSize());
        run.put("out_dir", dir.toAbsolutePath().toString());
        JsonlLog.writeStringAtomically(runJson, run.toPrettyString() + "\n");
    }

    /** What every stage needs. */
    private record Context(PipelineConfig config, DatasetAdapter adapter, List<Problem> problems, Path dir) {
        Map<String, Problem> byId() {
            Map<String, Problem> map = new HashMap<>();
            problems.forEach(p -> map.put(p.id(), p));
            return map;
        }

        PromptTemplate template() {
            return config.template();
        }

        Grade grade(Problem problem, String response) {
            return adapter.grade(problem, response);
        }
    }

    // ---- error collection -------------------------------------------------------------------------------

    private record SampleUnit(Problem problem, int sampleIndex) {
    }

    private List<SampleLine> sample(Context cx, RunState state) {
        Path file = cx.dir().resolve(PipelineOutputs.SAMPLES);
        if (state.done("sampling")) {
            return JsonlLog.readAll(file, SampleLine.class);
        }
        PipelineConfig c = cx.config();
        List<SampleUnit> units = new ArrayList<>();
        for (Problem p : cx.problems()) {
            for (int j = 0; j < c.samplesPerProblem(); j++) {
                units.add(new SampleUnit(p, j));
            }
        }
        List<SampleLine> lines = appendStage(file, SampleLine.class, units, "sampling", "samples", c.batchSize(),
                (line, u) -> line.problemId().equals(u.problem().id()) && line.sampleIndex() == u.sampleIndex(),
                chunk -> {
                    List<SampleRequest> requests = new ArrayList<>(chunk.size());
                    for (SampleUnit u : chunk) {
                        requests.add(new SampleRequest(cx.template().generationPrompt(u.problem().question()),
                                Seeds.derive(c.seed(), "sample", u.problem().id(), u.sampleIndex())));
                    }
                    List<GeneratedText> texts = generator.generate(requests, c.sampling());
                    List<SampleLine> out = new ArrayList<>(chunk.size());
                    for (int i = 0; i < chunk.size(); i++) {
                        SampleUnit u = chunk.get(i);
                        String completion = texts.get(i).text();
                        Grade g = cx.grade(u.problem(), cx.template().responsePrefix() + completion);
                        out.add(new SampleLine(u.problem().id(), u.problem().index(), u.sampleIndex(),
                                requests.get(i).seed(), completion, texts.get(i).finishReason(), g.extracted(), g.correct()));
                    }
                    return out;
                });
        state.complete("sampling");
        return lines;
    }

    private List<ErrorLine> collectErrors(Context cx, RunState state, List<SampleLine> samples) {
        Path file = cx.dir().resolve(PipelineOutputs.ERRORS);
        if (state.done("errors")) {
            return JsonlLog.readAll(file, ErrorLine.class);
        }
        List<ErrorLine> errors = new ArrayList<>();
        for (SampleLine s : samples) {
            if (!s.correct()) {
                String response = cx.template().responsePrefix() + s.completion();
                List<StepSpan> spans = new ArrayList<>();
                for (Step st : SEGMENTER.split(response)) {
                    spans.add(new StepSpan(st.index(), st.start(), st.end(), st.bodyStart(), st.text()));
                }
                errors.add(new ErrorLine(s.problemId(), s.problemIndex(), s.sampleIndex(), s.extracted(), response, spans));
            }
        }
        JsonlLog.writeAtomically(file, errors);
        state.complete("errors");
        log.printf("error collection: %d of %d answers are wrong%n", errors.size(), samples.size());
        return errors;
    }

    // ---- step localization ------------------------------------------------------------------------------

    private List<LocalizedLine> localize(Context cx, RunState state, StepJudge judge, List<ErrorLine> errors) {
        Path file = cx.dir().resolve(PipelineOutputs.LOCALIZED);
        if (state.done("localization")) {
            return JsonlLog.readAll(file, LocalizedLine.class);
        }
        Map<String, Problem> byId = cx.byId();
        List<LocalizedLine> lines = appendStage(file, LocalizedLine.class, errors, "judging", "answers",
                cx.config().batchSize(),
                (line, e) -> line.problemId().equals(e.problemId()) && line.sampleIndex() == e.sampleIndex(),
                chunk -> {
                    List<JudgeInput> inputs = new ArrayList<>(chunk.size());
                    for (ErrorLine e : chunk) {
                        inputs.add(new JudgeInput(byId.get(e.problemId()), e.response(), steps(e),
                                Seeds.derive(cx.config().seed(), "judge", e.problemId(), e.sampleIndex())));
                    }
                    List<Judgement> judgements = judge.firstErrors(inputs);
                    List<LocalizedLine> out = new ArrayList<>(chunk.size());
                    for (int i = 0; i < chunk.size(); i++) {
                        ErrorLine e = chunk.get(i);
                        Judgement j = judgements.get(i);
                        List<VerdictLine> verdicts = new ArrayList<>();
                        for (StepAssessment a : j.assessments()) {
                            verdicts.add(new VerdictLine(a.index(), a.verdict().name().toLowerCase(java.util.Locale.ROOT),
                                    a.reason()));
                        }
                        out.add(new LocalizedLine(e.problemId(), e.problemIndex(), e.sampleIndex(), judge.name(),
                                j.hasError() ? j.firstErrorIndex() : null, j.undecided(), verdicts));
                    }
                    return out;
                });
        state.complete("localization");
        return lines;
    }

    private static List<Step> steps(ErrorLine e) {
        List<Step> steps = new ArrayList<>(e.steps().size());
        for (StepSpan s : e.steps()) {
            steps.add(new Step(s.index(), s.text(), s.start(), s.end(), s.bodyStart()));
        }
        return steps;
    }

    // ---- rectification ----------------------------------------------------------------------------------

    private record RectificationUnit(ErrorLine error, int stepIndex, int continuationIndex) {
        String initialReasonSteps() {
            return error.response().substring(0, error.steps().get(stepIndex).bodyStart());
        }
    }

    private List<RectificationLine> rectify(Context cx, RunState state, List<ErrorLine> errors,
                                            List<LocalizedLine> localized) {
        Path file = cx.dir().resolve(PipelineOutputs.RECTIFICATIONS);
        if (state.done("rectification")) {
            return JsonlLog.readAll(file, RectificationLine.class);
        }
        PipelineConfig c = cx.config();
        List<RectificationUnit> units = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            Integer k = localized.get(i).firstErrorStep();
            if (k != null) {
                for (int r = 0; r < c.rectificationsPerError(); r++) {
                    units.add(new RectificationUnit(errors.get(i), k, r));
                }
            }
        }
        Map<String, Problem> byId = cx.byId();
        List<RectificationLine> lines = appendStage(file, RectificationLine.class, units, "rectification",
                "continuations", c.batchSize(),
                (line, u) -> line.problemId().equals(u.error().problemId()) && line.sampleIndex() == u.error().sampleIndex()
                        && line.continuationIndex() == u.continuationIndex(),
                chunk -> {
                    List<SampleRequest> requests = new ArrayList<>(chunk.size());
                    for (RectificationUnit u : chunk) {
                        Problem p = byId.get(u.error().problemId());
                        requests.add(new SampleRequest(cx.template().prompt(p.question()) + u.initialReasonSteps(),
                                Seeds.derive(c.seed(), "rectify", p.id(), u.error().sampleIndex(), u.continuationIndex())));
                    }
                    List<GeneratedText> texts = generator.generate(requests, c.rectificationSampling());
                    List<RectificationLine> out = new ArrayList<>(chunk.size());
                    for (int i = 0; i < chunk.size(); i++) {
                        RectificationUnit u = chunk.get(i);
                        Problem p = byId.get(u.error().problemId());
                        String continuation = texts.get(i).text();
                        Grade g = cx.grade(p, u.initialReasonSteps() + continuation);
                        out.add(new RectificationLine(p.id(), p.index(), u.error().sampleIndex(), u.stepIndex(),
                                u.continuationIndex(), requests.get(i).seed(), continuation, texts.get(i).finishReason(),
                                g.extracted(), g.correct()));
                    }
                    return out;
                });
        state.complete("rectification");
        return lines;
    }

    // ---- pairs ------------------------------------------------------------------------------------------

    private PipelineSummary buildPairs(Context cx, RunState state, List<SampleLine> samples, List<ErrorLine> errors,
                                       List<LocalizedLine> localized, List<RectificationLine> rectifications,
                                       String judgeName, AnswerMetrics metrics) {
        PipelineConfig c = cx.config();
        Map<String, Problem> byId = cx.byId();
        Map<SampleKey, List<String>> rightByError = new LinkedHashMap<>();
        for (RectificationLine r : rectifications) {
            if (r.correct()) {
                rightByError.computeIfAbsent(new SampleKey(r.problemId(), r.sampleIndex()), x -> new ArrayList<>()).add(r.continuation());
            }
        }
        List<PairBuilder.ErrorCase> cases = new ArrayList<>();
        int noError = 0;
        int undecided = 0;
        for (int i = 0; i < errors.size(); i++) {
            ErrorLine e = errors.get(i);
            LocalizedLine l = localized.get(i);
            if (l.firstErrorStep() == null) {
                if (l.undecided() != null) {
                    undecided++;
                } else {
                    noError++;
                }
                continue;
            }
            StepSpan wrong = e.steps().get(l.firstErrorStep());
            Problem p = byId.get(e.problemId());
            cases.add(new PairBuilder.ErrorCase(c.dataset().adapter(), p.id(), p.question(), p.referenceAnswer(),
                    l.firstErrorStep(), e.response().substring(0, wrong.bodyStart()),
                    e.response().substring(wrong.bodyStart(), wrong.end()), e.response().substring(wrong.bodyStart()),
                    l.judge(), generator.modelName(),
                    rightByError.getOrDefault(new SampleKey(e.problemId(), e.sampleIndex()), List.of())));
        }
        PairBuilder.Result result = new PairBuilder(c.pairRules()).build(cases);

        Map<String, List<String>> right = new LinkedHashMap<>();
        Map<String, List<String>> wrong = new LinkedHashMap<>();
        for (SampleLine s : samples) {
            (s.correct() ? right : wrong).computeIfAbsent(s.problemId(), x -> new ArrayList<>()).add(s.completion());
        }
        List<WholeAnswerPairs.ProblemAnswers> answers = new ArrayList<>();
        for (Problem p : cx.problems()) {
            answers.add(new WholeAnswerPairs.ProblemAnswers(c.dataset().adapter(), p.id(), p.question(), p.referenceAnswer(),
                    right.getOrDefault(p.id(), List.of()), wrong.getOrDefault(p.id(), List.of())));
        }
        List<PreferencePair> wholePairs = WholeAnswerPairs.build(answers, c.template().responsePrefix(),
                generator.modelName(), c.pairRules());

        Map<String, Integer> dropped = new LinkedHashMap<>();
        result.dropped().forEach((reason, n) -> dropped.put(reason.name().toLowerCase(java.util.Locale.ROOT), n));
        PipelineSummary summary = new PipelineSummary(cx.problems().size(), samples.size(), metrics.correctSamples(),
                metrics.passAt1(), metrics.steps().value(), errors.size(), cases.size(), noError, undecided,
                rectifications.size(), (int) rectifications.stream().filter(RectificationLine::correct).count(),
                rightByError.size(), result.pairs().size(), dropped, wholePairs.size());
        if (!state.done("pairs")) {
            JsonlLog.writeAtomically(cx.dir().resolve(PipelineOutputs.PAIRS), result.pairs());
            JsonlLog.writeAtomically(cx.dir().resolve(PipelineOutputs.DPO_PAIRS), wholePairs);
            try {
                ObjectNode json = JsonlLog.JSON.copy()
                        .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                        .valueToTree(summary);
                json.put("judge", judgeName);
                JsonlLog.writeStringAtomically(cx.dir().resolve(SUMMARY_JSON),
                        JsonlLog.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            state.complete("pairs");
            log.printf("pairs: %d step pairs from %d localized errors (%d right continuations of %d); %d whole-answer pairs%n",
                    result.pairs().size(), cases.size(), summary.rightContinuations(), rectifications.size(),
                    wholePairs.size());
        }
        return summary;
    }

    // ---- the database record ----------------------------------------------------------------------------

    private List<SampleRecord> sampleRecords(Context cx, List<SampleLine> samples, List<LocalizedLine> localized) {
        Map<SampleKey, LocalizedLine> byKey = new HashMap<>();
        localized.forEach(l -> byKey.put(new SampleKey(l.problemId(), l.sampleIndex()), l));
        Map<String, Problem> byId = cx.byId();
        List<SampleRecord> records = new ArrayList<>(samples.size());
        for (SampleLine s : samples) {
            String response = cx.template().responsePrefix() + s.completion();
            LocalizedLine l = byKey.get(new SampleKey(s.problemId(), s.sampleIndex()));
            Map<Integer, VerdictLine> verdicts = new HashMap<>();
            if (l != null) {
                l.verdicts().forEach(v -> verdicts.put(v.index(), v));
            }
            List<StepRecord> steps = new ArrayList<>();
            for (Step st : SEGMENTER.split(response)) {
                VerdictLine v = verdicts.get(st.index());
                steps.add(new StepRecord(st.index(), st.text(), st.start(), st.end(),
                        v == null ? null : StepVerdict.valueOf(v.verdict().toUpperCase(java.util.Locale.ROOT)),
                        v == null ? null : v.reason()));
            }
            Problem p = byId.get(s.problemId());
            Integer firstError = l == null ? null : l.firstErrorStep();
            records.add(new SampleRecord(s.problemId(), s.problemIndex(), s.sampleIndex(), response, s.extracted(),
                    s.correct(), p.level(), p.subject(), firstError != null && firstError < steps.size() ? firstError : null,
                    steps));
        }
        return records;
    }

    // ---- the resumable, append-only stage loop ----------------------------------------------------------

    @FunctionalInterface
    private interface ChunkWork<U, L> {
        List<L> apply(List<U> chunk);
    }

    /**
     * Does {@code units} in order, {@code batch} at a time, appending one line per unit to {@code file}. Lines
     * already in the file must be the first units, in order (a folder written with another configuration is
     * refused); the rest are done now.
     */
    private <U, L> List<L> appendStage(Path file, Class<L> type, List<U> units, String label, String unitName, int batch,
                                       BiPredicate<L, U> matches, ChunkWork<U, L> work) {
        try (JsonlLog<L> out = JsonlLog.open(file, type)) {
            List<L> lines = new ArrayList<>(out.existing());
            if (lines.size() > units.size()) {
                throw new IllegalStateException(file + " has " + lines.size() + " records but this stage has only "
                        + units.size() + " units: the folder belongs to another run");
            }
            for (int i = 0; i < lines.size(); i++) {
                if (!matches.test(lines.get(i), units.get(i))) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": record " + lines.get(i) + " is not unit "
                            + (i + 1) + " of this run: the folder belongs to another run");
                }
            }
            if (!lines.isEmpty() && lines.size() < units.size()) {
                log.printf("%s: resuming after %d of %d %s%n", label, lines.size(), units.size(), unitName);
            }
            try (ProgressBar bar = new ProgressBar(label, units.size(), unitName)) {
                bar.advance(lines.size());
                for (int from = lines.size(); from < units.size(); from += batch) {
                    List<U> chunk = units.subList(from, Math.min(units.size(), from + batch));
                    List<L> done = work.apply(chunk);
                    for (L line : done) {
                        out.append(line);
                        lines.add(line);
                        bar.step();
                    }
                }
            }
            return lines;
        }
    }
}
