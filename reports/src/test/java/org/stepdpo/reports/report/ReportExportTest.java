package org.stepdpo.reports.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stepdpo.reports.TestRuns;
import org.stepdpo.reports.runs.RunStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** Each export format, parsed back. */
@QuarkusTest
class ReportExportTest {

    @Inject
    RunStore store;

    @Inject
    RunReports reports;

    @Inject
    ReportExporter exporter;

    private static TestRuns.Seeded runs;

    @BeforeEach
    void seedOnce() {
        if (runs == null) {
            runs = TestRuns.seed(store);
        }
    }

    @Test
    void jsonHoldsTheRunAndItsMetrics() throws Exception {
        JsonNode json = new ObjectMapper().readTree(exporter.render(reports.report(runs.training()), ReportFormat.JSON));
        assertThat(json.at("/run/id").asLong()).isEqualTo(runs.training());
        assertThat(json.at("/run/configJson/beta").asDouble()).isEqualTo(0.4);
        assertThat(json.at("/training").size()).isEqualTo(3);
        assertThat(json.at("/training/2/rewardMargin").asDouble()).isEqualTo(0.45);
        assertThat(json.at("/pairSets/0/localized").asInt()).isEqualTo(5);
        JsonNode before = new ObjectMapper().readTree(exporter.render(reports.report(runs.before()), ReportFormat.JSON));
        assertThat(before.at("/metrics/overall/accuracy").asDouble()).isEqualTo(0.5);
        assertThat(before.at("/metrics/judge/f1").asDouble()).isEqualTo(1.0);
    }

    @Test
    void csvIsOneRectangularTable() {
        String csv = exporter.render(reports.report(runs.before()), ReportFormat.CSV);
        List<String[]> rows = Arrays.stream(csv.split("\r\n")).map(l -> l.split(",", -1)).toList();
        assertThat(rows.get(0)).containsExactly("run_id", "section", "group", "metric", "value", "n", "ci_low", "ci_high");
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(8));
        Map<String, String[]> byKey = rows.stream().skip(1).collect(Collectors.toMap(r -> r[1] + "/" + r[2] + "/" + r[3], r -> r));
        String[] accuracy = byKey.get("accuracy/all/accuracy");
        assertThat(Double.parseDouble(accuracy[4])).isEqualTo(0.5);
        assertThat(Integer.parseInt(accuracy[5])).isEqualTo(4);
        assertThat(Double.parseDouble(accuracy[6])).isCloseTo(0.15, within(1e-3));
        assertThat(Double.parseDouble(byKey.get("level/Level 2/accuracy")[4])).isEqualTo(0.5);
        assertThat(Double.parseDouble(byKey.get("judge/all/f1")[4])).isEqualTo(1.0);
        // The "before" run's wrong answers p-1 and p-2 have located errors at steps 2 and 1: mean 1.5 over 2.
        assertThat(byKey.get("steps/all/first_error_position")).containsSequence("1.50000", "2");
        assertThat(Double.parseDouble(byKey.get("first_error_distribution/step 2/wrong_answers")[4])).isEqualTo(1);
        assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(Long.parseLong(r[0])).isEqualTo(runs.before()));
    }

    @Test
    void markdownTablesHaveTheirHeaderSeparatorAndValues() {
        String md = exporter.render(reports.report(runs.before()), ReportFormat.MARKDOWN);
        assertThat(md).startsWith("# Run " + runs.before() + ": eval arith " + runs.model() + "\n");
        List<String> lines = md.lines().toList();
        int header = lines.indexOf("| Group | Problems | Samples | Right samples | Accuracy | 95% CI | pass@1 | pass@k | maj@k |");
        assertThat(header).isPositive();
        assertThat(lines.get(header + 1)).isEqualTo("|---|---|---|---|---|---|---|---|---|");
        assertThat(lines.get(header + 2).split("\\|")).extracting(String::trim)
                .contains("all", "4", "2", "50.00% (2/4)", "15.00% – 85.00%");
        assertThat(md).contains("## Judge against gold step labels (ProcessBench)", "| step 2 | 1 |",
                "| First-error position (mean, wrong answers) | 1.50 (2 wrong answers with a located error) |");
        for (String line : lines) {
            if (line.startsWith("|")) {
                assertThat(line).endsWith("|");
            }
        }
    }

    @Test
    void htmlIsOneSelfContainedFile() {
        String html = exporter.render(reports.report(runs.training()), ReportFormat.HTML);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "echarts", "id=\"chart-data\"", "id=\"chart-loss\"")
                .doesNotContain("<script src=", "<link rel=\"stylesheet\"", "href=\"/");
        assertThat(html.length()).isGreaterThan(1_000_000);
    }
}
