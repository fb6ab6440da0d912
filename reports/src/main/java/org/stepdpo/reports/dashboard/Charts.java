package org.stepdpo.reports.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.stepdpo.reports.metrics.GroupMetrics;
import org.stepdpo.reports.metrics.StepMetrics;
import org.stepdpo.reports.report.RunReport;
import org.stepdpo.reports.runs.TrainingMetric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The charts of the run and comparison pages, built from the same records the API returns. */
public final class Charts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Charts() {
    }

    /** Charts of one run: accuracy by level and subject, first-wrong-step distributions, pair funnel, training. */
    public static List<Chart> ofRun(RunReport report) {
        List<Chart> charts = new ArrayList<>();
        accuracy(charts, "chart-level", "Accuracy by level", "level", report.metrics().byLevel());
        accuracy(charts, "chart-subject", "Accuracy by subject", "subject", report.metrics().bySubject());
        StepMetrics s = report.metrics().steps();
        if (!s.firstErrorByPosition().isEmpty()) {
            // The distribution behind the first-error position card: over the same wrong answers, so labelled.
            charts.add(Chart.bar("chart-first-error", "Wrong answers: first wrong step's position", "step",
                    "wrong answers", false, s.firstErrorByPosition().stream().map(StepMetrics.Bin::label).toList(),
                    List.of(new Chart.Series("wrong answers", s.firstErrorByPosition().stream()
                            .map(b -> (double) b.count()).toList(), null))));
            charts.add(Chart.bar("chart-first-error-relative", "Wrong answers: first wrong step's position / steps",
                    "share of the solution", "wrong answers", false,
                    s.firstErrorByRelative().stream().map(StepMetrics.Bin::label).toList(),
                    List.of(new Chart.Series("wrong answers", s.firstErrorByRelative().stream()
                            .map(b -> (double) b.count()).toList(), null))));
        }
        if (!report.pairSets().isEmpty()) {
            List<String> stages = List.of("samples", "wrong answers", "localized", "rectified", "pairs kept");
            List<Chart.Series> series = report.pairSets().stream().map(p -> new Chart.Series("iteration " + p.iteration(),
                    List.of((double) p.samples(), (double) p.wrongAnswers(), (double) p.localized(), (double) p.rectified(),
                            (double) p.pairsKept()), null)).toList();
            charts.add(Chart.bar("chart-pairs", "Pair construction by stage", "stage", "count", false, stages, series));
        }
        charts.addAll(training(List.of(new Named(report.run().name(), report.training()))));
        return charts;
    }

    /** A run's training metrics under a label (the run's name or "A: ..."). */
    public record Named(String label, List<TrainingMetric> metrics) {
    }

    /** Loss, reward accuracy and reward margin over steps for one or more runs (the paper's Figure 2). */
    public static List<Chart> training(List<Named> runs) {
        if (runs.stream().allMatch(r -> r.metrics().isEmpty())) {
            return List.of();
        }
        List<Chart> charts = new ArrayList<>();
        charts.add(Chart.line("chart-loss", "Training loss", "step", "loss", series(runs, TrainingMetric::loss)));
        List<Chart.Series> accuracy = series(runs, TrainingMetric::rewardAccuracy);
        if (!accuracy.isEmpty()) {
            charts.add(Chart.line("chart-reward-accuracy", "Reward accuracy", "step", "share of pairs", accuracy));
        }
        List<Chart.Series> margin = series(runs, TrainingMetric::rewardMargin);
        if (!margin.isEmpty()) {
            charts.add(Chart.line("chart-reward-margin", "Reward margin", "step", "mean r_win − r_lose", margin));
        }
        return charts;
    }

    private static List<Chart.Series> series(List<Named> runs, Function<TrainingMetric, Double> value) {
        List<Chart.Series> series = new ArrayList<>();
        for (Named run : runs) {
            List<double[]> points = new ArrayList<>();
            for (TrainingMetric m : run.metrics()) {
                Double v = value.apply(m);
                if (v != null) {
                    points.add(new double[] {m.step(), v});
                }
            }
            if (!points.isEmpty()) {
                series.add(new Chart.Series(run.label(), null, points));
            }
        }
        return series;
    }

    private static void accuracy(List<Chart> charts, String id, String title, String axis, List<GroupMetrics> groups) {
        if (groups.size() < 2) {
            return;
        }
        charts.add(Chart.bar(id, title, axis, "accuracy %", true, groups.stream().map(GroupMetrics::group).toList(),
                List.of(new Chart.Series("accuracy %", groups.stream()
                        .map(g -> Math.round(g.accuracy() * 1000) / 10.0).toList(), null))));
    }

    /** The charts as JSON, safe to embed in a script element. */
    public static String json(List<Chart> charts) {
        try {
            return Html.scriptJson(JSON.writeValueAsString(charts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the charts as JSON", e);
        }
    }
}
