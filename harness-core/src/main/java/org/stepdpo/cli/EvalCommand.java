package org.stepdpo.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.LoadResult;
import org.stepdpo.evaluation.EvalJob;
import org.stepdpo.evaluation.EvalSummary;
import org.stepdpo.reports.runs.RunStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo eval}: grade completions from any model and store the run. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Grade completions (or the data set's reference solutions) and store the run.",
                "Writes OUT/results.jsonl (one line per sample) and OUT/summary.json."})
public class EvalCommand implements Callable<Integer> {

    @Option(names = "--adapter", required = true, paramLabel = "NAME",
            description = "Benchmark adapter: ${COMPLETION-CANDIDATES}", completionCandidates = AdapterNames.class)
    String adapter;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Data file (JSONL); for the built-in arith adapter: train or test")
    Path data;

    @ArgGroup(multiplicity = "1")
    Source source;

    static class Source {
        @Option(names = "--completions", paramLabel = "FILE",
                description = "Completions JSONL: {\"idx\" or \"id\", \"completion\" or \"completions\": [...]}")
        Path completions;

        @Option(names = "--reference", description = "Grade the data set's own reference solutions (a self-check)")
        boolean reference;
    }

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: a new folder under the data folder)")
    Path out;

    @Option(names = "--model", paramLabel = "NAME", description = "Model name for the leaderboard (default: the completions file's name)")
    String model;

    @Option(names = "--suite", paramLabel = "NAME", description = "Suite label stored with the run")
    String suite;

    @Option(names = "--skip-invalid", description = "Skip malformed data records (they are counted and listed)")
    boolean skipInvalid;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "Adapter option, e.g. question=problem (jsonl), n=100 (arith)")
    Map<String, String> options = Map.of();

    @Spec
    CommandSpec spec;

    @Inject
    RunStore store;

    @Override
    public Integer call() {
        DatasetAdapter dataset = DatasetAdapters.byName(adapter);
        String modelName = model != null ? model
                : source.reference ? "reference" : stripExtension(source.completions.getFileName().toString());
        Path outDir = out != null ? out : DataFolder.newRun("eval-" + dataset.name());
        List<String> commandLine = new ArrayList<>(List.of("stepdpo", "eval"));
        commandLine.addAll(spec.commandLine().getParseResult().originalArgs());

        EvalJob.Outcome o = new EvalJob(store).run(new EvalJob.Request(dataset, data, new LoadOptions(skipInvalid, options),
                source.reference ? null : source.completions, modelName, suite, outDir, commandLine));

        var err = spec.commandLine().getErr();
        if (!o.skipped().isEmpty()) {
            err.printf("skipped %d invalid record(s) of %s:%n", o.skipped().size(), data);
            for (LoadResult.SkippedRecord s : o.skipped()) {
                err.println("  " + s.message());
            }
        }
        print(dataset.name(), modelName, o);
        return 0;
    }

    private void print(String adapterName, String modelName, EvalJob.Outcome o) {
        EvalSummary s = o.summary();
        var w = spec.commandLine().getOut();
        w.printf("%s on %s: accuracy %.2f%% [%.2f, %.2f] (95%% Wilson), %d/%d samples, %d problems%n",
                modelName, adapterName, 100 * s.accuracy(), 100 * o.accuracyCi95().low(), 100 * o.accuracyCi95().high(),
                s.nCorrect(), s.nSamples(), s.nProblems());
        w.printf("pass@1 %.2f%%", 100 * s.passAt1());
        if (s.majAtK() != null) {
            w.printf(", maj@%d %.2f%%", s.k(), 100 * s.majAtK());
        }
        w.printf(", mean steps %.2f, no answer found in %d%n", s.meanSteps(), s.noAnswer());
        s.perLevel().forEach((level, g) -> w.printf("  level %-10s %6.2f%% (%d)%n", level, 100 * g.accuracy(), g.n()));
        s.perSubject().forEach((subj, g) -> w.printf("  %-24s %6.2f%% (%d)%n", subj, 100 * g.accuracy(), g.n()));
        w.printf("run %d stored; results in %s%n", o.runId(), o.out().toAbsolutePath());
        w.flush();
    }

    private static String stripExtension(String name) {
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Adapter names for help and completion. */
    static class AdapterNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DatasetAdapters.names().iterator();
        }
    }
}
