package org.stepdpo.cli;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stepdpo.evaluation.Provenance;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.LoadResult;
import org.stepdpo.evaluation.EvalJob;
import org.stepdpo.metrics.AnswerMetrics;
import org.stepdpo.metrics.WilsonInterval;
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

    @Option(names = "--allow-partial",
            description = "Accept completions that cover only some problems of the data file (the result says so)")
    boolean allowPartial;

    @Option(names = "--force", description = "Replace the evaluation an existing --out folder holds")
    boolean force;

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
        if (!force) {
            refuseToOverwrite(outDir);
        }
        List<String> commandLine = Provenance.commandLine();

        EvalJob.Outcome o = new EvalJob(store).run(new EvalJob.Request(dataset, data, new LoadOptions(skipInvalid, options),
                source.reference ? null : source.completions, modelName, suite, outDir, commandLine, allowPartial));

        var err = spec.commandLine().getErr();
        if (!o.skipped().isEmpty()) {
            err.printf("skipped %d invalid record(s) of %s:%n", o.skipped().size(), data);
            for (LoadResult.SkippedRecord s : o.skipped()) {
                err.println("  " + s.message());
            }
        }
        print(dataset.name(), modelName, o);
        o.warnings().forEach(w -> err.println("WARNING: " + w));
        err.flush();
        return 0;
    }

    private void print(String adapterName, String modelName, EvalJob.Outcome o) {
        AnswerMetrics s = o.summary().overall();
        var w = spec.commandLine().getOut();
        WilsonInterval ci = s.accuracy().wilson95();
        w.printf("%s on %s: accuracy %s [%.2f, %.2f] (95%% Wilson), %d/%d problems right%s, %d samples%n",
                modelName, adapterName, percent(s.accuracy().value()), 100 * ci.low(), 100 * ci.high(),
                s.accuracy().count(), s.problems(), s.k() > 1 ? " on their first sample" : "", s.samples());
        w.printf("pass@1 %s", percent(s.passAt1()));
        if (s.passAtK() != null) {
            w.printf(", pass@%d %s", s.k(), percent(s.passAtK()));
        }
        if (s.majAtK() != null) {
            w.printf(", maj@%d %s", s.k(), percent(s.majAtKValue()));
        }
        w.printf(", mean steps %s, no answer found in %d%n",
                s.steps().value() == null ? "-" : String.format("%.2f", s.steps().value()), s.noAnswer());
        o.summary().perLevel().forEach((level, g) -> w.printf("  level %-10s %7s (%d problems)%n", level,
                percent(g.accuracy().value()), g.problems()));
        o.summary().perSubject().forEach((subj, g) -> w.printf("  %-24s %7s (%d problems)%n", subj,
                percent(g.accuracy().value()), g.problems()));
        w.printf("run %d stored; results in %s%n", o.runId(), o.out().toAbsolutePath());
        w.flush();
    }

    /** A share as a percentage with two decimals; "-" when undefined (docs/METRICS.md). */
    private static String percent(Double share) {
        return share == null ? "-" : String.format("%.2f%%", 100 * share);
    }

    /** An --out that already holds an evaluation is another run's record; replacing it takes --force. */
    private static void refuseToOverwrite(Path outDir) {
        for (String name : List.of("summary.json", "results.jsonl")) {
            if (Files.exists(outDir.resolve(name))) {
                throw new IllegalArgumentException(outDir + " already holds an evaluation (" + name + "); give another "
                        + "--out, or --force to replace it");
            }
        }
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
