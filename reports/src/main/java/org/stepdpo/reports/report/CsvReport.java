package org.stepdpo.reports.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.stepdpo.reports.metrics.GroupMetrics;
import org.stepdpo.reports.metrics.JudgeAgreement;
import org.stepdpo.reports.metrics.StepMetrics;
import org.stepdpo.reports.runs.PairSetCounts;
import org.stepdpo.reports.runs.TrainingMetric;

/**
 * A run report as one CSV table (RFC 4180, header line, shares in [0, 1]) with the columns
 * {@code run_id,section,group,metric,value,n,ci_low,ci_high}: one row per metric value, so a spreadsheet or
 * {@code pandas.read_csv} can filter it by section (accuracy, level, subject, steps, first_error_distribution,
 * first_error_relative_distribution, judge, pairs, training). The distributions count the wrong answers whose
 * first wrong step the judge located, the population of steps/first_error_position.
 */
final class CsvReport {

    static final String HEADER = "run_id,section,group,metric,value,n,ci_low,ci_high";

    private final List<String> lines = new ArrayList<>();
    private long runId;

    static String render(RunReport report) {
        CsvReport csv = new CsvReport();
        csv.runId = report.run().id();
        csv.lines.add(HEADER);
        csv.groups("accuracy", List.of(report.metrics().overall()));
        csv.groups("level", report.metrics().byLevel());
        csv.groups("subject", report.metrics().bySubject());
        StepMetrics s = report.metrics().steps();
        csv.row("steps", "all", "mean_steps", s.meanSteps(), report.metrics().overall().n(), null, null);
        csv.row("steps", "all", "process_accuracy", s.processAccuracy(), s.judged(), null, null);
        csv.row("steps", "all", "right_through_wrong_step", s.rightThroughWrongShare(), s.rightAnswers(), null, null);
        csv.row("steps", "all", "first_error_position", s.firstErrorPosition(), s.wrongLocalized(), null, null);
        s.firstErrorByPosition().forEach(b -> csv.row("first_error_distribution", b.label(), "wrong_answers",
                (double) b.count(), null, null, null));
        s.firstErrorByRelative().forEach(b -> csv.row("first_error_relative_distribution", b.label(), "wrong_answers",
                (double) b.count(), null, null, null));
        JudgeAgreement j = report.metrics().judge();
        if (j != null) {
            csv.row("judge", "all", "acc_err", j.accErr(), j.erroneous(), null, null);
            csv.row("judge", "all", "acc_ok", j.accOk(), j.correctItems(), null, null);
            csv.row("judge", "all", "f1", j.f1(), j.labelled(), null, null);
        }
        for (PairSetCounts p : report.pairSets()) {
            String it = "iteration " + p.iteration();
            csv.row("pairs", it, "samples", (double) p.samples(), null, null, null);
            csv.row("pairs", it, "wrong_answers", (double) p.wrongAnswers(), null, null, null);
            csv.row("pairs", it, "localized", (double) p.localized(), null, null, null);
            csv.row("pairs", it, "rectified", (double) p.rectified(), null, null, null);
            csv.row("pairs", it, "pairs_kept", (double) p.pairsKept(), null, null, null);
        }
        for (TrainingMetric m : report.training()) {
            String step = "step " + m.step();
            csv.row("training", step, "loss", m.loss(), null, null, null);
            csv.row("training", step, "reward_accuracy", m.rewardAccuracy(), null, null, null);
            csv.row("training", step, "reward_margin", m.rewardMargin(), null, null, null);
        }
        return String.join("\r\n", csv.lines) + "\r\n";
    }

    private void groups(String section, List<GroupMetrics> groups) {
        for (GroupMetrics g : groups) {
            row(section, g.group(), "accuracy", g.accuracy(), g.problems(), g.interval().low(), g.interval().high());
            row(section, g.group(), "pass_at_1", g.passAt1(), g.problems(), null, null);
            row(section, g.group(), "pass_at_" + g.k(), g.passAtK(), g.problems(), null, null);
            row(section, g.group(), "maj_at_" + g.k(), g.majAtK(), g.problems(), null, null);
        }
    }

    private void row(String section, String group, String metric, Double value, Integer n, Double low, Double high) {
        if (value == null) {
            return;
        }
        lines.add(String.join(",", String.valueOf(runId), field(section), field(group), field(metric), number(value),
                n == null ? "" : n.toString(), low == null ? "" : number(low), high == null ? "" : number(high)));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
