package org.stepdpo.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.LoadResult;
import org.stepdpo.reports.runs.NewRun;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.SampleRecord;
import org.stepdpo.reports.runs.StepRecord;
import org.stepdpo.steps.Step;
import org.stepdpo.steps.StepSegmenter;

/**
 * One evaluation, from files to stored run: load the problems, grade the completions (or the reference
 * solutions), write {@code results.jsonl} and {@code summary.json}, and store the run with its samples.
 */
public final class EvalJob {

    /**
     * What to evaluate.
     *
     * @param adapter     the benchmark
     * @param data        data file (or built-in source such as {@code test} for arith)
     * @param loadOptions adapter options and the skip-invalid policy
     * @param completions completions file, or null to grade the reference solutions
     * @param model       model name for the leaderboard
     * @param suite       suite name, or null
     * @param out          output folder
     * @param commandLine  the command as typed, for the run's provenance
     * @param allowPartial whether completions may cover only some of the data's problems (then it is a warning)
     */
    public record Request(DatasetAdapter adapter, Path data, LoadOptions loadOptions, Path completions,
                          String model, String suite, Path out, List<String> commandLine, boolean allowPartial) {
    }

    /**
     * What came out: the stored run's id, the numbers, the records skipped while loading, and what the result must
     * be read with (a partial evaluation, uneven samples), also in summary.json and the stored run.
     */
    public record Outcome(long runId, EvalSummary summary, List<LoadResult.SkippedRecord> skipped, Path out,
                          List<String> warnings) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunStore store;

    public EvalJob(RunStore store) {
        this.store = store;
    }

    public Outcome run(Request r) {
        LoadResult loaded = r.adapter().load(r.data(), r.loadOptions());
        Evaluator evaluator = new Evaluator(r.adapter(), new StepSegmenter());
        List<SampleResult> samples = r.completions() == null
                ? evaluator.gradeReferences(loaded.problems(), r.data())
                : evaluator.grade(loaded.problems(), completions(r.completions()), r.completions());
        CompletionCoverage coverage = CompletionCoverage.of(loaded.problems(), samples);
        if (coverage.partial() && !r.allowPartial()) {
            throw new IllegalArgumentException(coverage.partialMessage(r.completions(), r.data()));
        }
        List<String> warnings = coverage.warnings();
        EvalSummary summary = new SummaryCalculator().summarize(samples);

        Map<String, Path> inputs = new LinkedHashMap<>();
        if (Files.isRegularFile(r.data())) {
            inputs.put("data", r.data());
        }
        if (r.completions() != null) {
            inputs.put("completions", r.completions());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("adapter", r.adapter().name());
        settings.put("data_source", r.data().toString());
        settings.put("adapter_options", r.loadOptions().fields());
        settings.put("skip_invalid", r.loadOptions().skipInvalid());
        settings.put("skipped_records", loaded.skipped().size());
        settings.put("mode", r.completions() == null ? "reference" : "completions");
        settings.put("problems_covered", coverage.covered());
        settings.put("problems_in_data", coverage.problems());
        Map<String, Object> provenance = Provenance.describe(r.commandLine(), inputs, settings);

        long runId = store.startRun(new NewRun(RunKind.EVAL, "eval " + r.adapter().name() + " " + r.model(), r.model(),
                r.adapter().name(), r.suite(), r.data().toString(), json(provenance), Provenance.projectVersion(),
                Provenance.gitCommit(), Provenance.device("cpu"),
                r.out().toAbsolutePath().toString()));
        try {
            Files.createDirectories(r.out());
            EvalOutput.writeResults(r.out().resolve("results.jsonl"), samples);
            Map<String, Object> summaryJson = EvalOutput.summaryJson(r.adapter().name(), r.model(), summary, runId,
                    provenance);
            summaryJson.put("warnings", warnings);
            EvalOutput.writeJson(r.out().resolve("summary.json"), summaryJson);
            store.addProblems(runId, samples.stream().map(SampleResult::problem).distinct().map(ProblemTexts::of)
                    .toList());
            store.addSamples(runId, toRecords(samples));
            store.finishRun(runId, warnings.isEmpty() ? null : "warning: " + String.join("; ", warnings));
        } catch (IOException e) {
            store.failRun(runId, e.toString());
            throw new UncheckedIOException("cannot write to " + r.out() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.failRun(runId, e.toString());
            throw e;
        }
        return new Outcome(runId, summary, loaded.skipped(), r.out(), warnings);
    }

    /** The completions file's lines; a file without any is refused (it would store "0% of 0 problems"). */
    private static List<CompletionSet> completions(Path file) {
        List<CompletionSet> sets = CompletionsReader.read(file);
        if (sets.stream().allMatch(s -> s.completions().isEmpty())) {
            throw new IllegalArgumentException(file + ": no completions to evaluate (" + (sets.isEmpty()
                    ? "the file has no lines" : "every \"completions\" list is empty") + ")");
        }
        return sets;
    }

    private static List<SampleRecord> toRecords(List<SampleResult> samples) {
        List<SampleRecord> records = new ArrayList<>(samples.size());
        for (SampleResult s : samples) {
            List<StepRecord> steps = new ArrayList<>(s.steps().size());
            for (Step st : s.steps()) {
                steps.add(new StepRecord(st.index(), st.text(), st.start(), st.end(), null, null));
            }
            records.add(new SampleRecord(s.problem().id(), s.problem().index(), s.sample(), s.completion(),
                    s.extracted(), s.correct(), s.problem().level(), s.problem().subject(), null, steps));
        }
        return records;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
