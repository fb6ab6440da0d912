package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The eval and leaderboard commands end to end: files in, files out, runs in the database. */
@QuarkusMainTest
class EvalCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA = "src/test/resources/eval/tiny-gsm8k.jsonl";

    @Test
    void gradesCompletionsWritesResultsAndStoresTheRun(QuarkusMainLauncher launcher, @TempDir Path out) throws Exception {
        LaunchResult r = launcher.launch("eval", "--adapter", "gsm8k", "--data", DATA,
                "--completions", "src/test/resources/eval/tiny-completions.jsonl",
                "--model", "tiny-model-e2e", "--out", out.toString());
        assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
        // Problem 0's first completion is right (2 of its 3 are), problem 1's only one is, problem 2's is not.
        assertThat(r.getOutput()).contains("tiny-model-e2e on gsm8k: accuracy 66.67%",
                "2/3 problems right on their first sample, 5 samples", "maj@3");
        // problem 0 has three samples, the others one: said in the output, summary.json and the stored run
        assertThat(r.getErrorOutput()).contains("WARNING: uneven samples: 1 to 3 per problem");

        List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
        assertThat(lines).hasSize(5);
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("idx").asInt()).isZero();
        assertThat(second.get("sample").asInt()).isEqualTo(1);
        assertThat(second.get("extracted").asText()).isEqualTo("7");
        assertThat(second.get("correct").asBoolean()).isFalse();
        assertThat(second.get("steps")).hasSize(1);
        JsonNode paragraphs = JSON.readTree(lines.get(3)).get("steps");
        assertThat(paragraphs).hasSize(3);
        assertThat(JSON.readTree(lines.get(4)).get("extracted").asText()).isEqualTo("6");

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("adapter").asText()).isEqualTo("gsm8k");
        assertThat(summary.get("n_problems").asInt()).isEqualTo(3);
        assertThat(summary.get("n_samples").asInt()).isEqualTo(5);
        assertThat(summary.get("n_correct").asInt()).isEqualTo(3);
        assertThat(summary.get("n_first_correct").asInt()).isEqualTo(2);
        assertThat(summary.get("accuracy").asDouble()).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(summary.get("pass_at_1").asDouble()).isCloseTo((2 / 3.0 + 1 + 0) / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(summary.get("maj_at_k").asDouble()).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(summary.get("accuracy_ci95").get(0).asDouble()).isBetween(0.2, 0.3);
        JsonNode provenance = summary.get("provenance");
        assertThat(provenance.get("inputs").get("completions").get("sha256").asText()).hasSize(64);
        assertThat(JSON.convertValue(provenance.get("command"), List.class)).containsExactly("stepdpo", "eval",
                "--adapter", "gsm8k", "--data", DATA, "--completions", "src/test/resources/eval/tiny-completions.jsonl",
                "--model", "tiny-model-e2e", "--out", out.toString()); // as typed: "eval" once
        long runId = summary.get("run_id").asLong();
        assertThat(runId).isPositive();
        assertThat(summary.get("warnings").get(0).asText()).startsWith("uneven samples: 1 to 3 per problem");
        LaunchResult report = launcher.launch("report", "--run", String.valueOf(runId), "--format", "md",
                "-o", out.resolve("report.md").toString());
        assertThat(report.exitCode()).as(report.getErrorOutput()).isZero();
        assertThat(Files.readString(out.resolve("report.md"))).contains("| Status | finished (warning: uneven samples");

        LaunchResult again = launcher.launch("eval", "--adapter", "gsm8k", "--data", DATA,
                "--completions", "src/test/resources/eval/tiny-completions.jsonl", "--out", out.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.getErrorOutput()).contains(out + " already holds an evaluation (summary.json); give another "
                + "--out, or --force to replace it");
        LaunchResult forced = launcher.launch("eval", "--adapter", "gsm8k", "--data", DATA, "--force",
                "--completions", "src/test/resources/eval/tiny-completions.jsonl", "--out", out.toString());
        assertThat(forced.exitCode()).as(forced.getErrorOutput()).isZero();
        assertThat(JSON.readTree(out.resolve("summary.json").toFile()).get("run_id").asLong()).isNotEqualTo(runId);

        LaunchResult board = launcher.launch("leaderboard", "--format", "json");
        assertThat(board.exitCode()).as(board.getErrorOutput()).isZero();
        assertThat(board.getOutput()).contains("tiny-model-e2e").contains("gsm8k");
        JsonNode parsed = JSON.readTree(board.getOutput());
        assertThat(parsed.toString()).contains("\"tiny-model-e2e\"");
    }

    @Test
    void malformedCompletionsNameFileLineAndField(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("eval", "--adapter", "gsm8k", "--data", DATA,
                "--completions", "src/test/resources/eval/bad-completions.jsonl");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput())
                .contains("bad-completions.jsonl:2: field \"completions\" must be an array of strings, got a string");
    }

    @Test
    void completionForUnknownRowIsAnError(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        Path c = dir.resolve("c.jsonl");
        Files.writeString(c, "{\"idx\": 3, \"completion\": \"#### 1\"}\n");
        LaunchResult r = launcher.launch("eval", "--adapter", "gsm8k", "--data", DATA, "--completions", c.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("c.jsonl:1: field \"idx\" is 3, but the data file has rows 0..2");
    }

    @Test
    void anEmptyCompletionsFileIsRefused(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        Path c = dir.resolve("empty.jsonl");
        Files.writeString(c, "");
        LaunchResult r = launcher.launch("eval", "--adapter", "gsm8k", "--data", DATA, "--completions", c.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains(c + ": no completions to evaluate (the file has no lines)");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void partialCompletionsAreRefusedUnlessAllowedAndThenSaySo(QuarkusMainLauncher launcher, @TempDir Path dir)
            throws Exception {
        Path c = dir.resolve("two.jsonl");
        Files.writeString(c, "{\"idx\": 0, \"completion\": \"#### 12\"}\n{\"idx\": 1, \"completion\": \"#### 2400\"}\n");
        LaunchResult refused = launcher.launch("eval", "--adapter", "gsm8k", "--data", DATA, "--completions", c.toString(),
                "--out", dir.resolve("refused").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.getErrorOutput()).contains(c + " covers 2 of the 3 problems of " + DATA
                + " (the first without completions: row 2", "give --allow-partial");
        Path out = dir.resolve("partial");
        LaunchResult allowed = launcher.launch("eval", "--adapter", "gsm8k", "--data", DATA, "--completions", c.toString(),
                "--allow-partial", "--model", "partial-check", "--out", out.toString());
        assertThat(allowed.exitCode()).as(allowed.getErrorOutput()).isZero();
        assertThat(allowed.getOutput()).contains("accuracy 100.00%", "2/2 problems right");
        assertThat(allowed.getErrorOutput()).contains("WARNING: partial: completions cover 2 of 3 problems");
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("warnings").toString()).contains("partial: completions cover 2 of 3 problems");
        assertThat(summary.at("/provenance/settings/problems_covered").asInt()).isEqualTo(2);
        assertThat(summary.at("/provenance/settings/problems_in_data").asInt()).isEqualTo(3);
    }

    @Test
    void idxAndIdThatDisagreeAreAnError(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        Path c = dir.resolve("both.jsonl");
        Files.writeString(c, "{\"idx\": 0, \"id\": \"not-this-one\", \"completion\": \"#### 12\"}\n");
        LaunchResult r = launcher.launch("eval", "--adapter", "gsm8k", "--data", DATA, "--completions", c.toString(),
                "--allow-partial", "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("both.jsonl:1: field \"id\" is \"not-this-one\", but row 0 (\"idx\") is "
                + "problem \"");
    }

    @Test
    void referenceModeGradesTheBuiltInSyntheticSet(QuarkusMainLauncher launcher, @TempDir Path out) throws Exception {
        LaunchResult r = launcher.launch("eval", "--adapter", "arith", "--data", "test", "-o", "n=40",
                "--reference", "--out", out.toString());
        assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
        assertThat(r.getOutput()).contains("reference on arith: accuracy 100.00%", "40/40 problems right, 40 samples");
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("mean_steps").asDouble()).isBetween(3.0, 6.0);
        assertThat(summary.get("accuracy_per_level")).isNotEmpty();
    }

    @Test
    void eitherCompletionsOrReferenceIsRequired(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("eval", "--adapter", "gsm8k", "--data", DATA);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("--completions").contains("--reference");
    }

    @Test
    void unknownAdapterListsTheKnownOnes(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("eval", "--adapter", "nope", "--data", DATA, "--reference");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("unknown dataset adapter \"nope\"").contains("gsm8k");
    }
}
