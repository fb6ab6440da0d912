package org.stepdpo.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.stepdpo.config.Suite;
import org.stepdpo.config.Suites;
import org.stepdpo.config.baselines.Baseline;
import org.stepdpo.config.baselines.BaselineEntry;
import org.stepdpo.config.baselines.BaselineFile;
import org.stepdpo.evaluation.Provenance;
import org.stepdpo.regress.BaselineLocation;
import org.stepdpo.regress.RegressMarkdown;
import org.stepdpo.regress.RegressReport;
import org.stepdpo.regress.RegressRun;
import org.stepdpo.regress.SuiteMeasurement;
import org.stepdpo.reports.runs.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stepdpo regress}: runs a suite, compares it with the suite's committed baseline and exits 0 (no
 * regression), 3 (regression) or 2 (could not run). The baseline changes only with {@code --update-baseline}.
 */
@Command(name = "regress", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Regression gate for CI: runs a suite end to end (SFT model, data loop, Step-DPO and DPO "
                + "training, greedy evaluation), compares every (stage, benchmark) metric with the suite's baseline "
                + "and prints a Markdown table (metric, baseline, now, difference, interval, test, verdict).",
                "A worse value is a regression when statistically significant (McNemar's exact test on the same "
                        + "problems, else a two-proportion z-test) or worse than the suite's regress.tolerance.",
                "Exit status: 0 no regression, 3 regression, 2 could not run (no or damaged baseline, bad suite)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:no regression", "3:a metric regressed", "2:could not run"})
public class RegressCommand implements Callable<Integer> {

    static final int COULD_NOT_RUN = 2;

    @Option(names = "--suite", required = true, paramLabel = "NAME|FILE",
            description = "Built-in suite name (e.g. smoke) or suite YAML file")
    String suite;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Baseline JSON (default: the built-in suite's "
            + "committed baseline, benchmarks-config/src/main/resources/stepdpo/baselines/NAME.json; for a suite "
            + "file, NAME.baseline.json beside it)")
    Path baseline;

    @Option(names = "--update-baseline", description = "Rewrite the baseline with this run's results (deliberately: "
            + "the baseline is never written otherwise); the comparison with the old one is still printed")
    boolean updateBaseline;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also write the Markdown report to FILE "
            + "(it is appended to $GITHUB_STEP_SUMMARY as well when that is set)")
    Path summary;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run folder (default: a new folder under the data folder's runs/)")
    Path out;

    @Option(names = "--model-cache", paramLabel = "DIR",
            description = "Where built SFT models are cached (default: the data folder's models/)")
    Path modelCache;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda, cuda:N or auto (default: ${DEFAULT-VALUE}; "
            + "baselines are exact only on the device they were written on)")
    String device;

    @Spec
    CommandSpec spec;

    @Inject
    RunStore store;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String suiteName = suite;
        try {
            Suite s = Suites.get(suite).expand(System::getenv);
            suiteName = s.name();
            BaselineLocation location = BaselineLocation.resolve(baseline, suite, s.name(), System::getenv,
                    Path.of("").toAbsolutePath());
            // Read the baseline before the run: a missing or damaged one is reported at once, not after minutes.
            Baseline old = readOld(location, s.name(), err);
            Path runDir = out != null ? out : DataFolder.newRun("regress-" + s.name());
            err.println("regress: suite " + s.name() + ", seed " + s.regress().seed() + ", baseline "
                    + location.describe() + ", run folder " + runDir.toAbsolutePath());
            err.flush();
            long t0 = System.nanoTime();
            List<BaselineEntry> now = new SuiteMeasurement(store, modelCache != null ? modelCache
                    : DataFolder.models(), System.err).run(s, s.regress().seed(), runDir, device);
            double seconds = (System.nanoTime() - t0) / 1e9;
            RegressRun run = new RegressRun(s, location.describe(), seconds);
            int exit;
            String markdown;
            if (updateBaseline) {
                Path file = location.writableFile();
                Baseline fresh = run.baseline(now, Provenance.gitCommit(), Instant.now().toString());
                markdown = old == null ? RegressRun.firstBaselineMarkdown(s.name(), fresh, file, seconds)
                        : RegressMarkdown.render(run.report(old, now, file));
                BaselineFile.write(file, fresh);
                exit = 0;
            } else {
                RegressReport report = run.report(old, now, null);
                markdown = RegressMarkdown.render(report);
                exit = report.exitCode();
            }
            publish(markdown, w);
            return exit;
        } catch (RuntimeException e) {
            if (UserErrorHandler.isUserError(e)) {
                err.println("error: " + e.getMessage());
                err.flush();
                publish("## Regression gate: suite `" + suiteName + "`\n\n**Could not run** (exit " + COULD_NOT_RUN
                        + "): " + e.getMessage() + "\n", null);
                return COULD_NOT_RUN;
            }
            // A crash of the suite itself is "could not run" too: CI must not read it as "no regression".
            e.printStackTrace(err);
            err.flush();
            publish("## Regression gate: suite `" + suiteName + "`\n\n**Could not run** (exit " + COULD_NOT_RUN
                    + "): " + e + "\n", null);
            return COULD_NOT_RUN;
        }
    }

    /** The current baseline; with --update-baseline a missing or damaged one is only reported. */
    private Baseline readOld(BaselineLocation location, String suiteName, PrintWriter err) {
        if (!updateBaseline) {
            Baseline b = location.read(suiteName);
            if (!b.suite().equals(suiteName)) {
                throw new IllegalArgumentException(location.describe() + ": field suite: the baseline is of suite \""
                        + b.suite() + "\", not \"" + suiteName + "\"");
            }
            return b;
        }
        try {
            return location.read(suiteName);
        } catch (IllegalArgumentException e) {
            err.println("regress: no usable baseline to replace (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Prints the Markdown to {@code w} (when given), writes --summary, appends to $GITHUB_STEP_SUMMARY. */
    private void publish(String markdown, PrintWriter w) {
        if (w != null) {
            w.print(markdown);
            w.flush();
        }
        try {
            if (summary != null) {
                Path dir = summary.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Files.writeString(summary, markdown, StandardCharsets.UTF_8);
            }
            String github = System.getenv("GITHUB_STEP_SUMMARY");
            if (github != null && !github.isBlank()) {
                Files.writeString(Path.of(github), markdown + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("warning: could not write the summary: " + e.getMessage());
        }
    }
}
