package org.stepdpo.reports.report;

import static org.stepdpo.reports.report.Numbers.decimal;
import static org.stepdpo.reports.report.Numbers.percent;

import java.util.List;

import org.stepdpo.reports.metrics.GroupMetrics;
import org.stepdpo.reports.metrics.JudgeAgreement;
import org.stepdpo.reports.metrics.RunMetrics;
import org.stepdpo.reports.metrics.StepMetrics;
import org.stepdpo.reports.runs.DeviceFacts;
import org.stepdpo.reports.runs.PairSetCounts;
import org.stepdpo.reports.runs.RunView;
import org.stepdpo.reports.runs.TrainingMetric;

/** A run report as Markdown: facts, accuracy tables, per-step metrics, judge agreement, pairs, training. */
final class MarkdownReport {

    private final StringBuilder out = new StringBuilder();

    static String render(RunReport report) {
        return new MarkdownReport().write(report).out.toString();
    }

    private MarkdownReport write(RunReport report) {
        RunView run = report.run();
        line("# Run " + run.id() + ": " + cell(run.name()));
        line("");
        table(List.of("Field", "Value"), List.of(
                List.of("Kind", run.kind().name().toLowerCase()),
                List.of("Status", run.status().name().toLowerCase() + (run.statusMessage() == null ? "" : " (" + run.statusMessage() + ")")),
                List.of("Model", run.model()),
                List.of("Benchmark", run.benchmark()),
                List.of("Suite", orDash(run.suite())),
                List.of("Data file", orDash(run.dataFile())),
                List.of("Started", String.valueOf(run.startedAt())),
                List.of("Finished", run.finishedAt() == null ? Numbers.MISSING : run.finishedAt().toString()),
                List.of("Device", orDash(run.device()) + device(run.deviceFacts())),
                List.of("Project version", orDash(run.projectVersion())),
                List.of("Git commit", orDash(run.gitCommit()))));
        RunMetrics m = report.metrics();
        line("## Accuracy");
        line("");
        groups(List.of(m.overall()));
        if (!m.byLevel().isEmpty()) {
            line("### By level");
            line("");
            groups(m.byLevel());
        }
        if (!m.bySubject().isEmpty()) {
            line("### By subject");
            line("");
            groups(m.bySubject());
        }
        StepMetrics s = m.steps();
        line("## Steps");
        line("");
        table(List.of("Metric", "Value"), List.of(
                List.of("Mean steps per solution", decimal(s.meanSteps(), 2)),
                List.of("Judged samples", String.valueOf(s.judged())),
                List.of("Process accuracy (right answer, no step judged wrong)", percent(s.processAccuracy())
                        + " (" + s.processCorrect() + "/" + s.judged() + " judged)"),
                List.of("Right answers reached through a wrong step", percent(s.rightThroughWrongShare())
                        + " (" + s.rightThroughWrongStep() + "/" + s.rightAnswers() + " judged right answers)"),
                List.of("First-error position (mean, wrong answers)", decimal(s.firstErrorPosition(), 2)
                        + " (" + s.wrongLocalized() + " wrong answers with a located error)")));
        if (!s.firstErrorByPosition().isEmpty()) {
            line("### Wrong answers: first wrong step's position");
            line("");
            table(List.of("Position", "Wrong answers"), s.firstErrorByPosition().stream()
                    .map(b -> List.of(b.label(), String.valueOf(b.count()))).toList());
            line("### Wrong answers: first wrong step's relative position (position / steps)");
            line("");
            table(List.of("Share of the solution", "Wrong answers"), s.firstErrorByRelative().stream()
                    .map(b -> List.of(b.label(), String.valueOf(b.count()))).toList());
        }
        JudgeAgreement j = m.judge();
        if (j != null) {
            line("## Judge against gold step labels (ProcessBench)");
            line("");
            table(List.of("Labelled", "acc_err", "acc_ok", "F1", "No verdict"), List.of(List.of(String.valueOf(j.labelled()),
                    percent(j.accErr()) + " (" + j.erroneousMatched() + "/" + j.erroneous() + ")",
                    percent(j.accOk()) + " (" + j.correctMatched() + "/" + j.correctItems() + ")", percent(j.f1()),
                    String.valueOf(j.unjudged()))));
        }
        if (!report.pairSets().isEmpty()) {
            line("## Pair sets");
            line("");
            table(List.of("Iteration", "Problems", "Samples", "Wrong answers", "Localized", "Rectified", "Pairs kept"),
                    report.pairSets().stream().map(MarkdownReport::pairRow).toList());
        }
        if (!report.training().isEmpty()) {
            List<TrainingMetric> t = report.training();
            TrainingMetric first = t.get(0);
            TrainingMetric last = t.get(t.size() - 1);
            line("## Training (" + t.size() + " logged steps)");
            line("");
            table(List.of("Step", "Loss", "Reward accuracy", "Reward margin", "Learning rate"), List.of(
                    trainingRow(first), trainingRow(last)));
        }
        return this;
    }

    private static List<String> pairRow(PairSetCounts p) {
        return List.of(String.valueOf(p.iteration()), String.valueOf(p.problems()), String.valueOf(p.samples()),
                String.valueOf(p.wrongAnswers()), String.valueOf(p.localized()), String.valueOf(p.rectified()),
                String.valueOf(p.pairsKept()));
    }

    private static List<String> trainingRow(TrainingMetric m) {
        return List.of(String.valueOf(m.step()), decimal(m.loss(), 4), percent(m.rewardAccuracy()),
                decimal(m.rewardMargin(), 4), m.learningRate() == null ? Numbers.MISSING : String.valueOf(m.learningRate()));
    }

    private void groups(List<GroupMetrics> groups) {
        table(List.of("Group", "Problems", "Samples", "Right samples", "Accuracy", "95% CI", "pass@1", "pass@k", "maj@k"),
                groups.stream().map(g -> List.of(g.group(), String.valueOf(g.problems()), String.valueOf(g.n()),
                        String.valueOf(g.correct()), percent(g.accuracy()) + " (" + g.firstCorrect() + "/" + g.problems() + ")",
                        percent(g.interval().low()) + " – " + percent(g.interval().high()), percent(g.passAt1()),
                        g.passAtK() == null ? Numbers.MISSING : percent(g.passAtK()) + " (k=" + g.k() + ")",
                        g.majAtK() == null ? Numbers.MISSING : percent(g.majAtK()) + " (k=" + g.k() + ")")).toList());
    }

    private void table(List<String> header, List<List<String>> rows) {
        line("| " + String.join(" | ", header.stream().map(MarkdownReport::cell).toList()) + " |");
        line("|" + "---|".repeat(header.size()));
        rows.forEach(r -> line("| " + String.join(" | ", r.stream().map(MarkdownReport::cell).toList()) + " |"));
        line("");
    }

    private static String device(DeviceFacts d) {
        if (d == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(" —");
        if (d.cpuName() != null) {
            b.append(" CPU ").append(d.cpuName());
        }
        if (d.cpuCores() != null) {
            b.append(" (").append(d.cpuCores()).append(" cores)");
        }
        if (d.memoryBytes() != null) {
            b.append(", RAM ").append(Numbers.bytes(d.memoryBytes()));
        }
        if (d.gpuName() != null) {
            b.append(", GPU ").append(d.gpuName());
        }
        if (d.gpuMemoryBytes() != null) {
            b.append(" ").append(Numbers.bytes(d.gpuMemoryBytes()));
        }
        return b.toString();
    }

    private static String cell(String text) {
        return MarkdownText.cell(text);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? Numbers.MISSING : s;
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
