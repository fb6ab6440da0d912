package org.stepdpo.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.config.Suite;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.Grade;
import org.stepdpo.data.Problem;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.evaluation.ProblemTexts;
import org.stepdpo.evaluation.Provenance;
import org.stepdpo.generation.NativeGenerator;
import org.stepdpo.judges.JudgeInput;
import org.stepdpo.judges.Judgement;
import org.stepdpo.judges.StepAssessment;
import org.stepdpo.judges.StepJudge;
import org.stepdpo.metrics.Mean;
import org.stepdpo.metrics.Metrics;
import org.stepdpo.metrics.ScoredSample;
import org.stepdpo.metrics.Share;
import org.stepdpo.metrics.WilsonInterval;
import org.stepdpo.pipeline.DatasetSelection;
import org.stepdpo.progress.ProgressBar;
import org.stepdpo.reports.runs.NewRun;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.SampleRecord;
import org.stepdpo.reports.runs.StepRecord;
import org.stepdpo.reports.runs.StepVerdict;
import org.stepdpo.steps.Step;
import org.stepdpo.steps.StepSegmenter;

/**
 * Greedy evaluation of one model on the test split: one answer per problem, graded by the adapter, every
 * answer judged step by step (so that right answers reached through a wrong step show), written to
 * {@code results.jsonl} and {@code score.json} and stored as an eval run with its samples, steps and verdicts.
 */
final class GreedyEvaluation {

    static final String SCORE = "score.json";
    static final String RESULTS = "results.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StepSegmenter SEGMENTER = new StepSegmenter();

    /** What is evaluated and how. */
    record Request(String name, Path model, String modelLabel, DatasetSelection test, DatasetAdapter adapter,
                   PromptTemplate template, StepJudge judge, int maxTokens, String device, String suite, Path out) {
    }

    /** One graded and judged answer. */
    record Judged(Problem problem, String response, Grade grade, List<Step> steps, Judgement judgement) {
    }

    private final RunStore store;

    GreedyEvaluation(RunStore store) {
        this.store = store;
    }

    /** The suite's {@code evaluation.max_tokens}: the answer length of the test evaluation and of validation. */
    static int maxTokens(Suite suite) {
        return suite.evaluation().maxTokens();
    }

    ModelScore run(Request r, List<Problem> problems) {
        List<String> responses = generate(r, problems);
        return record(r, judge(r, problems, responses));
    }

    private static List<Judged> judge(Request r, List<Problem> problems, List<String> responses) {
        List<Judged> judged = new ArrayList<>(problems.size());
        List<JudgeInput> inputs = new ArrayList<>(problems.size());
        for (int i = 0; i < problems.size(); i++) {
            inputs.add(JudgeInput.of(problems.get(i), responses.get(i), i));
        }
        List<Judgement> judgements = r.judge().firstErrors(inputs);
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            judged.add(new Judged(p, responses.get(i), r.adapter().grade(p, responses.get(i)), inputs.get(i).steps(),
                    judgements.get(i)));
        }
        return judged;
    }

    /**
     * Writes {@code results.jsonl} and {@code score.json} and stores the eval run: all that follows judging. Each
     * answer becomes one {@link SampleRecord}, which all three are made from, so the table, the regress outcomes
     * and the dashboard see the same samples.
     */
    ModelScore record(Request r, List<Judged> judged) {
        List<SampleRecord> samples = judged.stream().map(GreedyEvaluation::sample).toList();
        try {
            Files.createDirectories(r.out());
            writeResults(r.out().resolve(RESULTS), judged, samples);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + r.out() + ": " + e.getMessage(), e);
        }
        long runId = store(r, samples, judged.stream().map(j -> ProblemTexts.of(j.problem())).toList());
        ModelScore score = score(r.name(), r.modelLabel(), samples.stream().map(SampleRecord::scored).toList(), runId);
        write(r.out().resolve(SCORE), score);
        return score;
    }

    private static List<String> generate(Request r, List<Problem> problems) {
        try (NativeGenerator generator = new NativeGenerator(TorchLanguageModel.load(r.model(),
                DeviceChoice.parse(r.device()), null), r.modelLabel(), true);
             ProgressBar bar = new ProgressBar("eval " + r.name(), problems.size(), "answers")) {
            return Answers.greedy(generator, r.template(), problems, r.maxTokens(), bar::advance);
        }
    }

    /** The demo table's row, every number from {@link Metrics} (docs/METRICS.md). */
    static ModelScore score(String name, String model, List<ScoredSample> samples, long runId) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("model " + name + ": no test answers to score");
        }
        Share accuracy = Metrics.accuracy(samples);
        WilsonInterval ci = accuracy.wilson95();
        Mean firstError = Metrics.firstErrorPosition(samples);
        return new ModelScore(name, model, accuracy.of(), accuracy.count(), accuracy.value(), ci.low(), ci.high(),
                Metrics.meanSteps(samples).value(), firstError.value(), firstError.n(),
                Metrics.rightThroughWrongStep(samples).value(), runId);
    }

    /** The provenance shape every run kind has ({@link Provenance#describe}), with the evaluation's settings. */
    @SuppressWarnings("unchecked")
    private static String provenance(Request r, ObjectNode settings) {
        java.nio.file.Path data = java.nio.file.Path.of(r.test().source());
        return Provenance.describeJson(Provenance.commandLine(), java.nio.file.Files.isRegularFile(data)
                ? java.util.Map.of("data", data) : java.util.Map.of(), JSON.convertValue(settings, java.util.Map.class));
    }

    private long store(Request r, List<SampleRecord> samples, List<org.stepdpo.reports.runs.ProblemText> problems) {
        ObjectNode config = JSON.createObjectNode();
        config.put("demo_model", r.name());
        config.put("model_dir", r.model().toAbsolutePath().toString());
        config.put("adapter", r.test().adapter());
        config.put("source", r.test().source());
        r.test().options().forEach(config.putObject("options")::put);
        config.put("template", r.template().name());
        config.put("sampling", "greedy");
        config.put("max_tokens", r.maxTokens());
        config.put("judge", r.judge().name());
        long runId = store.startRun(new NewRun(RunKind.EVAL, "demo eval " + r.name() + " " + r.modelLabel(),
                r.modelLabel(), r.adapter().name(), r.suite(), r.test().source(), provenance(r, config),
                Provenance.projectVersion(), Provenance.gitCommit(),
                Provenance.device(r.device()), r.out().toAbsolutePath().toString()));
        try {
            store.addProblems(runId, problems);
            store.addSamples(runId, samples);
            store.finishRun(runId);
            return runId;
        } catch (RuntimeException e) {
            store.failRun(runId, e.toString());
            throw e;
        }
    }

    /** The answer as stored; a first wrong step the judge names beyond the answer's steps is dropped. */
    private static SampleRecord sample(Judged j) {
        Map<Integer, StepAssessment> verdicts = new java.util.HashMap<>();
        j.judgement().assessments().forEach(a -> verdicts.put(a.index(), a));
        List<StepRecord> steps = new ArrayList<>(j.steps().size());
        for (Step s : j.steps()) {
            StepAssessment a = verdicts.get(s.index());
            steps.add(new StepRecord(s.index(), s.text(), s.start(), s.end(),
                    a == null ? null : StepVerdict.valueOf(a.verdict().name()), a == null ? null : a.reason()));
        }
        Integer firstError = j.judgement().hasError() && j.judgement().firstErrorIndex() < steps.size()
                ? j.judgement().firstErrorIndex() : null;
        return new SampleRecord(j.problem().id(), j.problem().index(), 0, j.response(), j.grade().extracted(),
                j.grade().correct(), null, null, firstError, steps);
    }

    private static void writeResults(Path file, List<Judged> judged, List<SampleRecord> samples) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < judged.size(); i++) {
                Judged j = judged.get(i);
                SampleRecord sample = samples.get(i);
                ObjectNode line = JSON.createObjectNode();
                line.put("idx", j.problem().index());
                line.put("id", j.problem().id());
                line.put("response", j.response());
                line.put("extracted", j.grade().extracted());
                line.put("answer", j.problem().referenceAnswer());
                line.put("correct", j.grade().correct());
                line.put("steps", j.steps().size());
                line.put("judged", sample.judged());
                line.put("first_error_step", sample.firstErrorStep());
                line.put("first_error_reason", j.judgement().firstErrorReason());
                ArrayNode verdicts = line.putArray("verdicts");
                j.judgement().assessments().forEach(a -> verdicts.add(a.verdict().name().toLowerCase(Locale.ROOT)));
                w.write(line.toString());
                w.write('\n');
            }
        }
    }

    static void write(Path file, ModelScore score) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), score);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static ModelScore read(Path file) {
        try {
            return JSON.readValue(file.toFile(), ModelScore.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
