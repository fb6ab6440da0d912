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
import org.stepdpo.evaluation.Provenance;
import org.stepdpo.generation.NativeGenerator;
import org.stepdpo.judges.JudgeInput;
import org.stepdpo.judges.Judgement;
import org.stepdpo.judges.StepAssessment;
import org.stepdpo.judges.StepJudge;
import org.stepdpo.pipeline.DatasetSelection;
import org.stepdpo.progress.ProgressBar;
import org.stepdpo.reports.leaderboard.WilsonInterval;
import org.stepdpo.reports.runs.NewRun;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.RunSummary;
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

    private record Judged(Problem problem, String response, Grade grade, List<Step> steps, Judgement judgement) {
    }

    private final RunStore store;

    GreedyEvaluation(RunStore store) {
        this.store = store;
    }

    /** The suite's {@code evaluation.max_tokens}: the answer length of the test evaluation and of validation. */
    static int maxTokens(Suite suite) {
        return new SuiteValues(suite, "evaluation", suite.evaluation()).integer("max_tokens", 512);
    }

    ModelScore run(Request r, List<Problem> problems) {
        List<String> responses = generate(r, problems);
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
        try {
            Files.createDirectories(r.out());
            writeResults(r.out().resolve(RESULTS), judged);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + r.out() + ": " + e.getMessage(), e);
        }
        long runId = store(r, judged);
        ModelScore score = score(r.name(), r.modelLabel(), judged, runId);
        write(r.out().resolve(SCORE), score);
        return score;
    }

    private static List<String> generate(Request r, List<Problem> problems) {
        try (NativeGenerator generator = new NativeGenerator(TorchLanguageModel.load(r.model(),
                DeviceChoice.parse(r.device()), null), r.modelLabel(), true);
             ProgressBar bar = new ProgressBar("eval " + r.name(), problems.size(), "answers")) {
            return GreedyAnswers.of(generator, r.template(), problems, r.maxTokens(), bar::advance);
        }
    }

    static ModelScore score(String name, String model, List<Judged> judged, long runId) {
        int n = judged.size();
        int correct = 0;
        int steps = 0;
        int wrongLocalized = 0;
        long firstErrorSum = 0;
        int rightThroughWrong = 0;
        for (Judged j : judged) {
            steps += j.steps().size();
            if (j.grade().correct()) {
                correct++;
                if (j.judgement().hasError()) {
                    rightThroughWrong++;
                }
            } else if (j.judgement().hasError()) {
                wrongLocalized++;
                firstErrorSum += j.judgement().firstErrorIndex() + 1;
            }
        }
        WilsonInterval ci = WilsonInterval.of95(correct, n);
        return new ModelScore(name, model, n, correct, n == 0 ? 0 : (double) correct / n, ci.low(), ci.high(),
                n == 0 ? 0 : (double) steps / n, wrongLocalized == 0 ? null : (double) firstErrorSum / wrongLocalized,
                wrongLocalized, correct == 0 ? null : (double) rightThroughWrong / correct, runId);
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
            List<SampleRecord> records = new ArrayList<>(judged.size());
            int correct = 0;
            int steps = 0;
            for (Judged j : judged) {
                records.add(record(j));
                correct += j.grade().correct() ? 1 : 0;
                steps += j.steps().size();
            }
            store.addSamples(runId, records);
            int n = judged.size();
            store.finishRun(runId, new RunSummary(n, n, correct, n == 0 ? 0 : (double) correct / n, null, null,
                    n == 0 ? 0 : (double) steps / n));
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
        Integer firstError = j.judgement().hasError() && j.judgement().firstErrorIndex() < steps.size()
                ? j.judgement().firstErrorIndex() : null;
        return new SampleRecord(j.problem().id(), j.problem().index(), 0, j.response(), j.grade().extracted(),
                j.grade().correct(), null, null, firstError, steps);
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
                line.put("first_error_step", j.judgement().hasError() ? j.judgement().firstErrorIndex() : null);
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
