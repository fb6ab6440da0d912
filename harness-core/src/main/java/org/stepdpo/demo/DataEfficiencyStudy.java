package org.stepdpo.demo;

import org.stepdpo.progress.TrainingProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.config.Suite;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.Problem;
import org.stepdpo.engine.training.Objective;
import org.stepdpo.engine.training.validation.BestModel;
import org.stepdpo.engine.training.validation.BestModelStore;
import org.stepdpo.judges.VerifierJudge;
import org.stepdpo.pipeline.DatasetSelection;
import org.stepdpo.pipeline.PipelineOutputs;
import org.stepdpo.reports.runs.RunStore;

/**
 * Data efficiency of Step-DPO and DPO (beyond the paper): greedy test accuracy after training on the first N pairs
 * of each kind (a seeded shuffle of the demo's pairs) for the same number of optimiser steps as the full demo
 * training, for several N and seeds. Each seed's full demo runs first (SFT model, data loop, the "all" point);
 * the smaller pair sets reuse its SFT model and pairs. Everything lands in {@code OUT/seed-S/}; resumable per point.
 */
public final class DataEfficiencyStudy {

    /**
     * One trained model's greedy test accuracy; {@code bestStep} is the checkpoint the validation guard chose (null
     * without validation).
     */
    public record Point(long seed, String objective, int pairs, int steps, Integer bestStep, int n, int correct,
                        double accuracy) {
    }

    private final RunStore store;
    private final Path modelCache;
    private final PrintStream log;

    public DataEfficiencyStudy(RunStore store, Path modelCache, PrintStream log) {
        this.store = store;
        this.modelCache = modelCache;
        this.log = log;
    }

    /** {@code sizes}: pair counts below the full set (the full set is always a point). */
    public List<Point> run(Suite suite, List<Long> seeds, List<Integer> sizes, Path out, String device) {
        List<Point> points = new ArrayList<>();
        PromptTemplate template = DemoRunner.template(suite);
        for (long seed : seeds) {
            Path dir = out.resolve("seed-" + seed);
            DemoRunner.Result full = new DemoRunner(store, modelCache, log).run(suite, seed, dir, device);
            int steps = PreferenceTraining.budget(suite, full.pairs().get("step-dpo"));
            DatasetSelection test = DemoData.test(suite, seed);
            List<Problem> testProblems = DemoData.load(test);
            for (String objective : List.of("step-dpo", "dpo")) {
                Path pairFile = dir.resolve(objective.equals("step-dpo") ? PipelineOutputs.PAIRS : PipelineOutputs.DPO_PAIRS);
                List<String> lines = shuffled(pairFile, seed);
                for (int size : sizes) {
                    if (size >= lines.size()) {
                        continue;
                    }
                    points.add(point(suite, template, objective, seed, steps, lines.subList(0, size), full.sftModel(),
                            dir.resolve("study").resolve(objective + "-" + size), test, testProblems, device));
                }
                ModelScore all = full.scores().stream().filter(s -> s.name().equals(objective)).findFirst().orElseThrow();
                points.add(new Point(seed, objective, lines.size(), steps, bestStep(dir.resolve("train-" + objective)),
                        all.n(), all.correct(), all.accuracy()));
            }
        }
        return points;
    }

    private Point point(Suite suite, PromptTemplate template, String objective, long seed, int steps, List<String> pairs,
                        Path sftModel, Path dir, DatasetSelection test, List<Problem> testProblems, String device) {
        Path score = dir.resolve("eval").resolve(GreedyEvaluation.SCORE);
        if (!Files.isRegularFile(score)) {
            Path subset = dir.resolve("pairs.jsonl");
            try {
                Files.createDirectories(dir);
                Files.write(subset, pairs, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + subset + ": " + e.getMessage(), e);
            }
            Objective o = Objective.parse(objective);
            log.printf("== %s on %d pairs, %d steps, seed %d%n", objective, pairs.size(), steps, seed);
            PreferenceTraining.train(suite, template, o, sftModel, subset, pairs.size(), steps, seed, device,
                    dir.resolve("train"), new TrainingProgress(log).named(objective + "-" + pairs.size()));
            Path model = PreferenceTraining.trainedModel(dir.resolve("train"), sftModel);
            String label = suite.name() + "-" + objective + "-" + pairs.size() + "pairs-seed" + seed;
            new GreedyEvaluation(store).run(new GreedyEvaluation.Request(objective + "-" + pairs.size(), model, label, test,
                    DatasetAdapters.byName(test.adapter()), template, new VerifierJudge(),
                    GreedyEvaluation.maxTokens(suite), device,
                    suite.name(), dir.resolve("eval")), testProblems);
        }
        ModelScore s = GreedyEvaluation.read(score);
        return new Point(seed, objective, pairs.size(), steps, bestStep(dir.resolve("train")), s.n(), s.correct(),
                s.accuracy());
    }

    private static Integer bestStep(Path trainingDir) {
        return BestModelStore.read(trainingDir).map(BestModel::step).orElse(null);
    }

    /** The pair file's lines in a seeded order (the same for every size, so smaller sets nest in larger ones). */
    private static List<String> shuffled(Path file, long seed) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList());
            Collections.shuffle(lines, new Random(seed * 104_729 + 11));
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
