package org.stepdpo.regress;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stepdpo.config.Suite;
import org.stepdpo.config.baselines.BaselineEntry;
import org.stepdpo.config.baselines.ProblemOutcome;
import org.stepdpo.demo.DemoRunner;
import org.stepdpo.demo.ModelScore;
import org.stepdpo.reports.runs.RunStore;

/**
 * Runs a suite end to end with the demo's machinery (SFT model, data loop, Step-DPO and DPO training, greedy
 * evaluation with the verifier) and returns, per evaluated model, the per-problem outcomes a baseline keeps.
 */
public final class SuiteMeasurement {

    private final RunStore store;
    private final Path modelCache;
    private final PrintStream log;

    public SuiteMeasurement(RunStore store, Path modelCache, PrintStream log) {
        this.store = store;
        this.modelCache = modelCache;
        this.log = log;
    }

    public List<BaselineEntry> run(Suite suite, long seed, Path out, String device) {
        DemoRunner.Result result = new DemoRunner(store, modelCache, log).run(suite, seed, out, device);
        String benchmark = benchmark(suite);
        List<BaselineEntry> entries = new ArrayList<>();
        for (ModelScore score : result.scores()) {
            entries.add(measured(score, DemoRunner.evaluationResults(out, score.name()), benchmark));
        }
        return entries;
    }

    /** The baseline entry of one evaluated model: its per-problem outcomes, read from its {@code results.jsonl}. */
    public static BaselineEntry measured(ModelScore score, Path results, String benchmark) {
        List<ProblemOutcome> outcomes = EvaluationOutcomes.read(results);
        BaselineEntry entry = new BaselineEntry(score.name(), benchmark, outcomes);
        if (entry.n() != score.n() || entry.correct() != score.correct()) {
            throw new IllegalStateException(results + ": " + entry.correct() + "/" + entry.n() + " right, but the "
                    + "evaluation's score says " + score.correct() + "/" + score.n());
        }
        return entry;
    }

    /** The benchmark's name in a baseline: adapter and split (a file's name, never a machine's path). */
    static String benchmark(Suite suite) {
        return suite.dataset().evaluationAdapter() + ":" + Path.of(suite.dataset().test()).getFileName();
    }
}
