package org.stepdpo.pipeline;

import org.stepdpo.evaluation.Provenance;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.Problem;
import org.stepdpo.generation.EndpointTraffic;
import org.stepdpo.generation.Generator;
import org.stepdpo.judges.JudgeChoice;
import org.stepdpo.judges.StepJudge;
import org.stepdpo.metrics.AnswerMetrics;
import org.stepdpo.pipeline.Records.ErrorLine;
import org.stepdpo.pipeline.Records.LocalizedLine;
import org.stepdpo.pipeline.Records.RectificationLine;
import org.stepdpo.pipeline.Records.SampleLine;
import org.stepdpo.reports.runs.SampleRecord;
import org.stepdpo.steps.Step;

/**
 * One Step-DPO data iteration (docs/METHOD.md, paper section 3.2) in a run folder, stage by stage: error collection
 * ({@link ErrorCollection}: {@code samples.jsonl}, {@code errors.jsonl}), step localization
 * ({@link StepLocalization}: {@code localized.jsonl}), rectification ({@link Rectification}:
 * {@code rectifications.jsonl}), pairs ({@link PairsStage}: {@code pairs.jsonl}, and {@code dpo_pairs.jsonl} for
 * the vanilla DPO baseline), then the {@link DownstreamStage}s (training, evaluation). This class orders them,
 * records the run and counts each stage's server traffic.
 *
 * <p>Resumable after {@code kill -9} at any moment: work units are done in a fixed order and appended one
 * line each, written through ({@link AppendOnlyStage}, {@link JsonlLog}); every request's seed derives from the run seed and the
 * unit's identity, so a unit redone after a crash gives what the lost one would have; a stage is marked
 * complete in {@code state.json} only after its output is complete; derived files are replaced atomically.
 * Running the same config on the folder again continues where it stopped.
 */
public final class PipelineRunner {

    /** The folder's identity file (see {@link RunFolder}). */
    static final String RUN_JSON = RunFolder.RUN_JSON;

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
        ObjectNode identity = RunFolder.describe(config, generator.modelName());
        RunFolder.claim(dir, identity, config);
        RunState state = RunState.load(dir);

        DatasetAdapter adapter = DatasetAdapters.byName(config.dataset().adapter());
        List<Problem> problems = adapter.load(Path.of(config.dataset().source()),
                new LoadOptions(false, config.dataset().options())).problems();
        StageContext cx = new StageContext(config, adapter, problems, dir);
        AppendOnlyStage stages = new AppendOnlyStage(log);
        ErrorCollection errorCollection = new ErrorCollection(generator, stages, log);

        boolean recordClosed = state.done("recorded");
        long recordId = state.recordId();
        if (!recordClosed) {
            recordId = recorder.start(config, provenance(config, identity), generator.modelName(), state.recordId());
            state.recordId(recordId);
        }
        try (StepJudge judge = config.judge().create(generator, adapter, config.template())) {
            Traffic traffic = new Traffic(dir, judge);
            List<SampleLine> samples = errorCollection.sample(cx, state);
            traffic.stageDone("sampling");
            List<ErrorLine> errors = errorCollection.collectErrors(cx, state, samples);
            List<LocalizedLine> localized = new StepLocalization(stages).localize(cx, state, judge, errors);
            traffic.stageDone("localization");
            List<SampleRecord> records = SampleRecords.of(cx, samples, localized);
            if (!state.done("record-samples")) {
                recorder.problems(recordId, cx.problems());
                recorder.samplesJudged(recordId, records);
                state.complete("record-samples");
            }
            List<RectificationLine> rectifications = new Rectification(generator, stages).rectify(cx, state, errors,
                    localized);
            traffic.stageDone("rectification");
            PipelineSummary summary = new PairsStage(generator, log).build(cx, state, samples, errors, localized,
                    rectifications, judge.name(),
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
}
