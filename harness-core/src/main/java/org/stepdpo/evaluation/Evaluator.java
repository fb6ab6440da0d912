package org.stepdpo.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetException;
import org.stepdpo.data.Grade;
import org.stepdpo.data.Problem;
import org.stepdpo.progress.ProgressBar;
import org.stepdpo.steps.StepSegmenter;

/** Grades completions (or a data set's own reference solutions) with the benchmark's adapter. */
public final class Evaluator {

    private final DatasetAdapter adapter;
    private final StepSegmenter segmenter;

    public Evaluator(DatasetAdapter adapter, StepSegmenter segmenter) {
        this.adapter = adapter;
        this.segmenter = segmenter;
    }

    /** One completion waiting to be graded. */
    private record Task(Problem problem, int sample, String completion) {
    }

    /**
     * Grades the completions of a completions file. Lines refer to problems by {@code idx} or {@code id};
     * several lines for the same problem add samples, numbered in file order.
     */
    public List<SampleResult> grade(List<Problem> problems, List<CompletionSet> sets, Path completionsFile) {
        Map<Integer, Problem> byIndex = new HashMap<>();
        Map<String, Problem> byId = new HashMap<>();
        for (Problem p : problems) {
            byIndex.put(p.index(), p);
            byId.put(p.id(), p);
        }
        Map<String, Integer> samplesSoFar = new HashMap<>();
        List<Task> tasks = new ArrayList<>();
        for (CompletionSet set : sets) {
            Problem problem = resolve(set, byIndex, byId, problems.size(), completionsFile);
            for (String completion : set.completions()) {
                int sample = samplesSoFar.merge(problem.id(), 1, Integer::sum) - 1;
                tasks.add(new Task(problem, sample, completion));
            }
        }
        return run(tasks);
    }

    /** Grades each problem's reference solution: a self-check of the adapter and the grader. */
    public List<SampleResult> gradeReferences(List<Problem> problems, Path dataFile) {
        List<Task> tasks = new ArrayList<>();
        for (Problem p : problems) {
            if (p.referenceSolution() == null || p.referenceSolution().isBlank()) {
                throw new DatasetException(dataFile, p.index() + 1, "solution",
                        "is missing: --reference needs a data set with reference solutions (problem " + p.id() + ")");
            }
            tasks.add(new Task(p, 0, p.referenceSolution()));
        }
        return run(tasks);
    }

    private List<SampleResult> run(List<Task> tasks) {
        try (ProgressBar bar = new ProgressBar("grading", tasks.size(), "samples")) {
            return tasks.parallelStream().map(t -> {
                SampleResult r = gradeOne(t);
                bar.step();
                return r;
            }).toList();
        }
    }

    private SampleResult gradeOne(Task t) {
        Grade grade = adapter.grade(t.problem(), t.completion());
        return new SampleResult(t.problem(), t.sample(), t.completion(), grade.extracted(), grade.correct(),
                grade.reason(), segmenter.split(t.completion()));
    }

    private static Problem resolve(CompletionSet set, Map<Integer, Problem> byIndex, Map<String, Problem> byId,
                                   int size, Path file) {
        if (set.idx() != null) {
            Problem p = byIndex.get(set.idx());
            if (p == null) {
                throw new DatasetException(file, set.line(), "idx",
                        "is " + set.idx() + ", but the data file has rows 0.." + (size - 1));
            }
            if (set.id() != null && !set.id().equals(p.id())) {
                Problem named = byId.get(set.id());
                throw new DatasetException(file, set.line(), "id", "is \"" + set.id() + "\", but row " + set.idx()
                        + " (\"idx\") is problem \"" + p.id() + "\"" + (named == null ? ""
                        : "; \"" + set.id() + "\" is row " + named.index()) + ": the two disagree");
            }
            return p;
        }
        Problem p = byId.get(set.id());
        if (p == null) {
            throw new DatasetException(file, set.line(), "id", "\"" + set.id() + "\" matches no problem of the data file");
        }
        return p;
    }
}
