package org.stepdpo.reports.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class LeaderboardTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static LeaderboardEntry entry(long id, String model, String benchmark, int correct, int n, long minutes) {
        return new LeaderboardEntry(id, model, benchmark, correct, n, T0.plusSeconds(60 * minutes));
    }

    private static Leaderboard sample() {
        return Leaderboard.fromLatest(List.of(
                entry(1, "qwen, \"base\"", "gsm8k", 40, 100, 0),
                entry(2, "qwen, \"base\"", "gsm8k", 50, 100, 10), // newer: wins
                entry(3, "qwen, \"base\"", "math500", 100, 500, 5),
                entry(4, "llama|dpo", "gsm8k", 70, 100, 3)));
    }

    @Test
    void latestRunPerModelAndBenchmarkWins() {
        Leaderboard board = sample();
        assertThat(board.benchmarks()).containsExactly("gsm8k", "math500");
        // qwen has both benchmarks (a comparable mean), llama only one: qwen first, then by name
        assertThat(board.rows()).extracting(LeaderboardRow::model).containsExactly("qwen, \"base\"", "llama|dpo");
        LeaderboardCell gsm = board.rows().get(0).cell("gsm8k").orElseThrow();
        assertThat(gsm.runId()).isEqualTo(2);
        assertThat(gsm.accuracy()).isEqualTo(0.5);
        assertThat(gsm.interval().low()).isCloseTo(0.4038, within(1e-3));
        assertThat(board.rows().get(1).cell("math500")).isEmpty();
        assertThat(board.mean(board.rows().get(0))).isCloseTo(0.35, within(1e-9));
        assertThat(board.mean(board.rows().get(1))).isNull();
        assertThat(board.ranking("gsm8k")).extracting(LeaderboardRow::model).containsExactly("llama|dpo", "qwen, \"base\"");
    }

    @Test
    void meansAreComparedOnlyBetweenModelsEvaluatedCompletelyOnEveryBenchmark() {
        // the case: a 20-problem slice of MATH-500 must not outrank models evaluated on 200 toy problems
        Leaderboard board = Leaderboard.fromLatest(List.of(
                entry(1, "toy-sft", "arith", 90, 200, 0),
                entry(2, "toy-dpo", "arith", 100, 200, 0),
                new LeaderboardEntry(3, "qwen-math", "math500", 19, 20, T0, 500, false),
                entry(4, "both", "arith", 60, 200, 0),
                entry(5, "both", "math500", 250, 500, 0)));
        assertThat(board.rows()).extracting(LeaderboardRow::model).first().isEqualTo("both");
        assertThat(board.mean(board.rows().get(0))).isCloseTo(0.4, within(1e-9));
        LeaderboardRow qwen = board.rows().stream().filter(r -> r.model().equals("qwen-math")).findFirst().orElseThrow();
        assertThat(board.mean(qwen)).isNull();
        assertThat(qwen.cell("math500").orElseThrow().partial()).isTrue();
        assertThat(qwen.cell("math500").orElseThrow().coverage()).isEqualTo("20/500");
        assertThat(board.ranking("arith")).extracting(LeaderboardRow::model).containsExactly("toy-dpo", "toy-sft", "both");
    }

    @Test
    void aNewerPartialRunDoesNotReplaceAComplete() {
        Leaderboard board = Leaderboard.fromLatest(List.of(
                new LeaderboardEntry(1, "m", "math500", 200, 500, T0, 500, false),
                new LeaderboardEntry(2, "m", "math500", 18, 20, T0.plusSeconds(60), 500, false)));
        LeaderboardCell cell = board.rows().get(0).cell("math500").orElseThrow();
        assertThat(cell.runId()).isEqualTo(1);
        assertThat(cell.partial()).isFalse();
        Leaderboard onlyPartial = Leaderboard.fromLatest(List.of(
                new LeaderboardEntry(2, "m", "math500", 18, 20, T0.plusSeconds(60), 500, false)));
        assertThat(onlyPartial.rows().get(0).cell("math500").orElseThrow().partial()).isTrue();
    }

    @Test
    void selfChecksAreKeptApartAndNeverRanked() {
        Leaderboard board = Leaderboard.fromLatest(List.of(
                entry(1, "m", "gsm8k", 50, 100, 0),
                new LeaderboardEntry(2, "reference", "gsm8k", 100, 100, T0, 100, true)));
        assertThat(board.rows()).extracting(LeaderboardRow::model).containsExactly("m");
        assertThat(board.selfChecks()).extracting(LeaderboardRow::model).containsExactly("reference");
        assertThat(board.ranking("gsm8k")).hasSize(1);
        assertThat(LeaderboardFormat.TABLE.render(board))
                .contains("self-checks: the data set's reference solutions graded (not ranked)");
    }

    @Test
    void equalFinishTimesFallBackToTheHigherRunId() {
        Leaderboard board = Leaderboard.fromLatest(List.of(entry(9, "m", "b", 1, 2, 0), entry(7, "m", "b", 2, 2, 0)));
        assertThat(board.rows().get(0).cell("b").orElseThrow().runId()).isEqualTo(9);
    }

    @Test
    void csvParsesBackIntoItsColumns() {
        String csv = LeaderboardFormat.CSV.render(sample());
        List<List<String>> records = parseCsv(csv);
        assertThat(records.get(0)).isEqualTo(CsvRenderer.COLUMNS);
        assertThat(records).hasSize(4);
        List<String> qwenGsm = records.stream().filter(r -> r.get(0).equals("qwen, \"base\"") && r.get(1).equals("gsm8k"))
                .findFirst().orElseThrow();
        assertThat(qwenGsm).hasSize(CsvRenderer.COLUMNS.size());
        assertThat(Double.parseDouble(qwenGsm.get(2))).isEqualTo(0.5);
        assertThat(Double.parseDouble(qwenGsm.get(3))).isCloseTo(0.4038, within(1e-3));
        assertThat(Double.parseDouble(qwenGsm.get(4))).isCloseTo(0.5962, within(1e-3));
        assertThat(qwenGsm.subList(5, 12)).containsExactly("50", "100", "", "false", "false", "2", "2025-01-01T00:10:00Z");
    }

    @Test
    void jsonParsesBack() throws Exception {
        JsonNode root = new ObjectMapper().readTree(LeaderboardFormat.JSON.render(sample()));
        assertThat(root.get("benchmarks").toString()).isEqualTo("[\"gsm8k\",\"math500\"]");
        assertThat(root.get("rankings").get("gsm8k").toString()).isEqualTo("[\"llama|dpo\",\"qwen, \\\"base\\\"\"]");
        JsonNode qwen = root.get("rows").get(0);
        assertThat(qwen.get("model").asText()).isEqualTo("qwen, \"base\"");
        assertThat(qwen.get("mean_accuracy").asDouble()).isCloseTo(0.35, within(1e-9));
        assertThat(root.get("rows").get(1).get("mean_accuracy").isNull()).isTrue();
        JsonNode cell = qwen.get("cells").get("math500");
        assertThat(cell.get("accuracy").asDouble()).isEqualTo(0.2);
        assertThat(cell.get("n").asInt()).isEqualTo(500);
        assertThat(cell.get("partial").asBoolean()).isFalse();
        assertThat(cell.get("run_id").asLong()).isEqualTo(3);
        assertThat(cell.get("ci_low").asDouble()).isLessThan(0.2);
        assertThat(cell.get("ci_high").asDouble()).isGreaterThan(0.2);
        assertThat(root.get("rows").get(1).get("cells").has("math500")).isFalse();
        assertThat(root.get("self_checks")).isEmpty();
    }

    @Test
    void markdownHasOneRankedTablePerBenchmarkAndEscapesPipes() {
        String md = LeaderboardFormat.MARKDOWN.render(sample());
        List<String> lines = md.lines().toList();
        assertThat(lines.get(0)).isEqualTo("### gsm8k");
        assertThat(lines.get(2)).isEqualTo("| rank | model | accuracy (95% CI) | n |");
        assertThat(lines.get(3)).isEqualTo("|---|---|---|---|");
        assertThat(lines.get(4)).isEqualTo("| 1 | llama\\|dpo | 70.0 (60.4-78.1) | 100 |");
        assertThat(lines.get(5)).startsWith("| 2 | qwen, \"base\" | 50.0 (40.4-59.6) | 100 |");
        assertThat(md).contains("### math500", "### mean over gsm8k, math500 (only models evaluated completely on every one)",
                "| 1 | qwen, \"base\" | 35.0 |");
        lines.subList(2, 6).forEach(l -> assertThat(l.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(5));
    }

    @Test
    void textTablesRankEachBenchmark() {
        String text = LeaderboardFormat.TABLE.render(sample());
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("gsm8k");
        assertThat(lines.get(1)).startsWith("rank").contains("model", "accuracy (95% CI)");
        assertThat(lines.get(3)).startsWith("1     llama|dpo").contains("70.0 (60.4-78.1)");
        int column = lines.get(3).indexOf("70.0");
        assertThat(lines.get(4).indexOf("50.0")).isEqualTo(column);
        assertThat(text).contains("\nmath500\n").contains("partial: fewer problems than the data file");
        assertThat(LeaderboardFormat.TABLE.render(Leaderboard.fromLatest(List.of())))
                .isEqualTo("No finished evaluation runs yet.\n");
    }

    @Test
    void formatsParseFromCliNames() {
        assertThat(LeaderboardFormat.parse("table")).isEqualTo(LeaderboardFormat.TABLE);
        assertThat(LeaderboardFormat.parse("md")).isEqualTo(LeaderboardFormat.MARKDOWN);
        assertThat(LeaderboardFormat.parse("CSV")).isEqualTo(LeaderboardFormat.CSV);
        assertThat(LeaderboardFormat.parse("json")).isEqualTo(LeaderboardFormat.JSON);
        assertThatThrownBy(() -> LeaderboardFormat.parse("xml")).hasMessageContaining("table, md, csv, json");
    }

    /** RFC 4180 reader, enough to check what the renderer writes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).isEmpty();
        assertThat(record).isEmpty();
        return records;
    }
}
