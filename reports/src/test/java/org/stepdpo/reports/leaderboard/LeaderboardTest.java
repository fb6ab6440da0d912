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
        assertThat(board.rows()).extracting(LeaderboardRow::model).containsExactly("llama|dpo", "qwen, \"base\"");
        LeaderboardCell gsm = board.rows().get(1).cell("gsm8k").orElseThrow();
        assertThat(gsm.runId()).isEqualTo(2);
        assertThat(gsm.accuracy()).isEqualTo(0.5);
        assertThat(gsm.interval().low()).isCloseTo(0.4038, within(1e-3));
        assertThat(board.rows().get(0).cell("math500")).isEmpty();
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
        assertThat(qwenGsm.subList(5, 9)).containsExactly("50", "100", "2", "2025-01-01T00:10:00Z");
    }

    @Test
    void jsonParsesBack() throws Exception {
        JsonNode root = new ObjectMapper().readTree(LeaderboardFormat.JSON.render(sample()));
        assertThat(root.get("benchmarks").toString()).isEqualTo("[\"gsm8k\",\"math500\"]");
        JsonNode qwen = root.get("rows").get(1);
        assertThat(qwen.get("model").asText()).isEqualTo("qwen, \"base\"");
        JsonNode cell = qwen.get("cells").get("math500");
        assertThat(cell.get("accuracy").asDouble()).isEqualTo(0.2);
        assertThat(cell.get("n").asInt()).isEqualTo(500);
        assertThat(cell.get("run_id").asLong()).isEqualTo(3);
        assertThat(cell.get("ci_low").asDouble()).isLessThan(0.2);
        assertThat(cell.get("ci_high").asDouble()).isGreaterThan(0.2);
        assertThat(root.get("rows").get(0).get("cells").has("math500")).isFalse();
    }

    @Test
    void markdownHasOneRowPerModelAndEscapesPipes() {
        String md = LeaderboardFormat.MARKDOWN.render(sample());
        List<String> lines = md.lines().toList();
        assertThat(lines.get(0)).isEqualTo("| model | gsm8k | math500 |");
        assertThat(lines.get(1)).isEqualTo("|---|---:|---:|");
        assertThat(lines.get(2)).isEqualTo("| llama\\|dpo | 70.0 (60.4-78.1) n=100 | - |");
        assertThat(lines.get(3)).startsWith("| qwen, \"base\" | 50.0 (40.4-59.6) n=100 | 20.0 (");
        // Every table line has the same number of unescaped cell separators.
        lines.subList(0, 4).forEach(l -> assertThat(l.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(4));
    }

    @Test
    void textTableAlignsColumns() {
        List<String> lines = LeaderboardFormat.TABLE.render(sample()).lines().toList();
        assertThat(lines.get(0)).startsWith("model").contains("gsm8k").contains("math500");
        assertThat(lines.get(2)).startsWith("llama|dpo").contains("70.0 (60.4-78.1) n=100");
        int column = lines.get(2).indexOf("n=100") + "n=100".length();
        assertThat(lines.get(3).indexOf("n=100") + "n=100".length()).isEqualTo(column);
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
