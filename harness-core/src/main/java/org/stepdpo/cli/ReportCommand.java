package org.stepdpo.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stepdpo.reports.report.ReportExporter;
import org.stepdpo.reports.report.ReportFormat;
import org.stepdpo.reports.report.RunReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stepdpo report}: one run's report as Markdown, a self-contained HTML file, CSV or JSON. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a run's report: accuracy with its 95%% Wilson interval, pass@1, maj@k, per level and subject,"
                + " per-step metrics, judge agreement, pair sets and training metrics.")
public class ReportCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "ID", description = "Run id (see `stepdpo leaderboard` or the dashboard)")
    long runId;

    @Option(names = "--format", defaultValue = "md", paramLabel = "FORMAT",
            description = "md, html (one self-contained file), csv or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to this file instead of standard output")
    Path out;

    @Inject
    RunReports reports;

    @Inject
    ReportExporter exporter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String text = exporter.render(reports.report(runId), ReportFormat.parse(format));
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + out + ": " + e.getMessage(), e);
        }
        spec.commandLine().getErr().println("wrote " + out);
        return 0;
    }
}
