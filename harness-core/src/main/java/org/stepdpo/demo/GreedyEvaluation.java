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
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.Grade;
import org.stepdpo.data.Problem;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.evaluation.Provenance;
import org.stepdpo.generation.GeneratedText;
import org.stepdpo.generation.NativeGenerator;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.SamplingSettings;
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
    private static final int BATCH = 64;

    /** What is evaluated and how. */
    record Request(String name, Path model, String modelLabel, DatasetSelection test, DatasetAdapter adapter,
                   PromptTemplate template, StepJudge judge, int maxTokens, String device, String suite, Path out) {
    }

    /** One graded and judged answer. */
    record Judged(Problem problem, String response, Grade grade, List<Step> steps, Judgement judgement) {

        /** The judge's first wrong step (0-based) when it is one of the answer's steps, else null. */
        Integer firstErrorIndex() {
            return judgement.hasError() && judgement.firstErrorIndex() < steps.size() ? judgement.firstErrorIndex() : null;
        }

        /** Whether the judge gave a verdict on at least one of the answer's steps (as the stored sample says). */
        boolean judged() {
            return firstErrorIndex() != null || judgement.assessments().stream().anyMatch(a -> a.index() < steps.size());
        }

        /** The answer as the metrics see it: the problem's only sample. */
        ScoredSample scored() {
            return new ScoredSample(problem.id(), 0, grade.correct(), steps.size(), judged(), firstErrorIndex(),
                    grade.extracted());
        }
    }

    private final RunStore store;

    GreedyEvaluation(RunStore store) {
        this.store = store;
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

    /** Writes {@code results.jsonl} and {@code score.json} and stores the eval run: all that follows judging. */
    ModelScore record(Request r, List<Judged> judged) {
        try {
            Files.createDirectories(r.out());
            writeResults(r.out().resolve(RESULTS), judged);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + r.out() + ": " + e.getMessage(), e);
        }
        long runId = store(r, judged);
        ModelScore score = score(r.name(), r.modelLabel(), judged.stream().map(Judged::scored).toList(), runId);
        write(r.out().resolve(SCORE), score);
        return score;
    }

    private static List<String> generate(Request r, List<Problem> problems) {
        List<String> responses = new ArrayList<>(problems.size());
        SamplingSettings greedy = SamplingSettings.greedy(r.maxTokens());
        try (NativeGenerator generator = new NativeGenerator(TorchLanguageModel.load(r.model(),
                DeviceChoice.parse(r.device()), null), r.modelLabel(), true);
             ProgressBar bar = new ProgressBar("eval " + r.name(), problems.size(), "answers")) {
            for (int from = 0; from < problems.size(); from += BATCH) {
                List<SampleRequest> batch = new ArrayList<>();
                for (Problem p : problems.subList(from, Math.min(problems.size(), from + BATCH))) {
                    batch.add(new SampleRequest(r.template().generationPrompt(p.question()), 0));
                }
                for (GeneratedText t : generator.generate(batch, greedy)) {
                    responses.add(r.template().responsePrefix() + t.text());
                }
                bar.advance(batch.size());
            }
        }
        return responses;
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

    private long store(Request r, List<Judged> judged) {
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
                r.modelLabel(), r.adapter().name(), r.suite(), r.test().source(), config.toString(),
                Provenance.projectVersion(), Provenance.gitCommit(),
                Provenance.device("CPU"), r.out().toAbsolutePath().toString()));
        try {
            store.addSamples(runId, judged.stream().map(GreedyEvaluation::record).toList());
            store.finishRun(runId);
            return runId;
        } catch (RuntimeException e) {
            store.failRun(runId, e.toString());
            throw e;
        }
    }

    private static SampleRecord record(Judged j) {
        Map<Integer, StepAssessment> verdicts = new java.util.HashMap<>();
        j.judgement().assessments().forEach(a -> verdicts.put(a.index(), a));
        List<StepRecord> steps = new ArrayList<>(j.steps().size());
        for (Step s : j.steps()) {
            StepAssessment a = verdicts.get(s.index());
            steps.add(new StepRecord(s.index(), s.text(), s.start(), s.end(),
                    a == null ? null : StepVerdict.valueOf(a.verdict().name()), a == null ? null : a.reason()));
        }
        return new SampleRecord(j.problem().id(), j.problem().index(), 0, j.response(), j.grade().extracted(),
                j.grade().correct(), null, null, j.firstErrorIndex(), steps);
    }

    private static void writeResults(Path file, List<Judged> judged) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Judged j : judged) {
                ObjectNode line = JSON.createObjectNode();
                line.put("idx", j.problem().index());
                line.put("id", j.problem().id());
                line.put("response", j.response());
                line.put("extracted", j.grade().extracted());
                line.put("answer", j.problem().referenceAnswer());
                line.put("correct", j.grade().correct());
                line.put("steps", j.steps().size());
                line.put("judged", j.judged());
                line.put("first_error_step", j.firstErrorIndex());
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
