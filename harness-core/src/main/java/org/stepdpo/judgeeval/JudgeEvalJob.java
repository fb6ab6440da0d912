package org.stepdpo.judgeeval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.data.Problem;
import org.stepdpo.evaluation.Provenance;
import org.stepdpo.generation.Seeds;
import org.stepdpo.judges.JudgeInput;
import org.stepdpo.judges.StepJudge;
import org.stepdpo.progress.ProgressBar;
import org.stepdpo.reports.metrics.JudgeAgreement;
import org.stepdpo.reports.runs.NewRun;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.RunStore;

/**
 * Scores a step judge on labelled solutions (ProcessBench): the judge names the first wrong step of every item,
 * each split becomes one stored run of kind JUDGE whose samples carry the judge's finding and the gold label (so
 * the dashboard, API and exports show acc_err, acc_ok and F1), and OUT receives {@code results.jsonl} and
 * {@code summary.json} with the run's provenance.
 */
public final class JudgeEvalJob {

    /** Items per call of the judge: big enough to keep an LLM judge's concurrency busy, small enough to show progress. */
    static final int BATCH = 32;

    /**
     * What to score.
     *
     * @param files       ProcessBench split files; one run each
     * @param limit       items per split, spread evenly over the file (see {@link #spread}), or 0 for all
     * @param answers     reference answers by problem text (the rollout judge needs them), or null
     * @param seed        run seed; each item's seed derives from it
     * @param out         output folder
     * @param commandLine the command as typed, for the provenance
     * @param settings    the judge's settings, for the provenance
     */
    public record Request(List<Path> files, int limit, ReferenceAnswers answers, long seed, Path out,
                          List<String> commandLine, Map<String, Object> settings) {
    }

    /** One scored split: its stored run and the ProcessBench scores. */
    public record SplitOutcome(String split, String benchmark, long runId, List<JudgedItem> items, JudgeAgreement agreement) {
    }

    private final RunStore store;
    private final StepJudge judge;

    public JudgeEvalJob(RunStore store, StepJudge judge) {
        this.store = store;
        this.judge = judge;
    }

    public List<SplitOutcome> run(Request r) {
        Map<String, Path> inputs = new LinkedHashMap<>();
        r.files().forEach(f -> inputs.put("processbench-" + ProcessBenchFile.split(f), f));
        if (r.answers() != null) {
            inputs.put("answers", r.answers().file());
        }
        Map<String, Object> settings = new LinkedHashMap<>(r.settings());
        settings.put("judge", judge.name());
        settings.put("limit", r.limit());
        settings.put("seed", r.seed());
        Map<String, Object> provenance = Provenance.describe(r.commandLine(), inputs, settings);

        List<SplitOutcome> outcomes = new ArrayList<>();
        List<JudgedItem> all = new ArrayList<>();
        for (Path file : r.files()) {
            SplitOutcome o = runSplit(file, r, provenance);
            outcomes.add(o);
            all.addAll(o.items());
        }
        JudgeEvalOutput.writeResults(r.out().resolve("results.jsonl"), all);
        JudgeEvalOutput.writeSummary(r.out().resolve("summary.json"), judge.name(), outcomes, provenance);
        return outcomes;
    }

    private SplitOutcome runSplit(Path file, Request r, Map<String, Object> provenance) {
        String split = ProcessBenchFile.split(file);
        String benchmark = "processbench-" + split;
        List<ProcessBenchItem> all = ProcessBenchFile.read(file);
        List<Integer> positions = spread(all.size(), r.limit());
        List<ProcessBenchItem> items = positions.stream().map(all::get).toList();
        List<JudgeInput> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            int at = positions.get(i);
            inputs.add(JudgeInput.ofStepTexts(problem(items.get(i), at, r.answers(), file), items.get(i).steps(),
                    Seeds.derive(r.seed(), "judge-eval", split, at)));
        }
        long runId = store.startRun(new NewRun(RunKind.JUDGE, "judge-eval " + benchmark + " " + judge.name(), judge.name(),
                benchmark, benchmark, file.toString(), JudgeEvalOutput.json(provenance), Provenance.projectVersion(),
                Provenance.gitCommit(), Provenance.device("cpu"), r.out().toAbsolutePath().toString()));
        try {
            Files.createDirectories(r.out());
            List<JudgedItem> judged = new ArrayList<>(items.size());
            try (ProgressBar bar = new ProgressBar("judging " + split, items.size(), "solutions")) {
                for (int from = 0; from < items.size(); from += BATCH) {
                    int to = Math.min(items.size(), from + BATCH);
                    var judgements = judge.firstErrors(inputs.subList(from, to));
                    for (int i = from; i < to; i++) {
                        judged.add(new JudgedItem(split, positions.get(i), items.get(i), inputs.get(i),
                                judgements.get(i - from)));
                    }
                    // Stored batch by batch: a long LLM evaluation shows its samples while it runs.
                    store.addSamples(runId, JudgedSamples.records(judged.subList(from, to)));
                    bar.advance(to - from);
                }
            }
            store.finishRun(runId);
            return new SplitOutcome(split, benchmark, runId, judged, JudgeEvalOutput.agreement(judged));
        } catch (java.io.IOException e) {
            store.failRun(runId, e.toString());
            throw new java.io.UncheckedIOException("cannot write to " + r.out() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.failRun(runId, e.toString());
            throw e;
        }
    }

    /**
     * Which items a limit keeps: {@code limit} positions spread evenly over the file (all when the limit is 0 or
     * larger). The published files are sorted, erroneous solutions first, so the first N items would all be
     * erroneous and acc_ok could not be measured.
     */
    static List<Integer> spread(int size, int limit) {
        int n = limit <= 0 ? size : Math.min(limit, size);
        List<Integer> positions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            positions.add((int) ((long) i * size / n));
        }
        return positions;
    }

    private static Problem problem(ProcessBenchItem item, int index, ReferenceAnswers answers, Path file) {
        if (answers == null) {
            return new Problem(item.id(), index, item.problem(), null, "", Map.of());
        }
        Problem ref = answers.find(item.problem()).orElseThrow(() -> new IllegalArgumentException(file + ": item "
                + item.id() + " has no problem with the same text in " + answers.file()));
        return new Problem(item.id(), index, item.problem(), ref.referenceSolution(), ref.referenceAnswer(), ref.metadata());
    }
}
