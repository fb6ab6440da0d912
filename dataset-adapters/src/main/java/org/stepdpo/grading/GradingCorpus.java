package org.stepdpo.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled grading cases read from the public benchmark files (the data folder laid out as in
 * {@code shared/data}): ProcessBench solutions with their human verdicts, and each data set's own
 * reference solutions, which must grade as correct. Used to measure the grader's agreement and speed.
 */
public final class GradingCorpus {

    /**
     * One completion to grade.
     *
     * @param id              record id (ProcessBench id, or file name and line)
     * @param split           "gsm8k", "math", "math500", ...
     * @param completion      the text the answer is extracted from
     * @param reference       the reference answer
     * @param expectedCorrect the verdict the grader should reach
     * @param options         how the answer is extracted for this benchmark
     */
    public record Case(String id, String split, String completion, String reference, boolean expectedCorrect,
                       ExtractionOptions options) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private GradingCorpus() {
    }

    /**
     * ProcessBench's GSM8K and MATH splits; each problem's reference answer is looked up in the GSM8K /
     * MATH test files by the exact problem text.
     */
    public static List<Case> processBench(Path dataDir) {
        Map<String, String> gsm8k = new HashMap<>();
        for (JsonNode row : jsonLines(dataDir.resolve("gsm8k/test.jsonl"))) {
            gsm8k.put(row.get("question").asText(), gsm8kAnswer(row.get("answer").asText()));
        }
        Map<String, String> math = new HashMap<>();
        for (JsonNode row : jsonLines(dataDir.resolve("math/test.jsonl"))) {
            math.put(row.get("problem").asText(), mathAnswer(row.get("solution").asText()));
        }
        List<Case> cases = new ArrayList<>();
        addProcessBench(cases, dataDir.resolve("processbench/gsm8k.json"), "gsm8k", gsm8k,
                ExtractionOptions.withLastNumberFallback());
        addProcessBench(cases, dataDir.resolve("processbench/math.json"), "math", math,
                ExtractionOptions.withLastFormulaFallback());
        return cases;
    }

    private static void addProcessBench(List<Case> cases, Path file, String split, Map<String, String> references,
                                        ExtractionOptions options) {
        JsonNode items = readTree(file);
        for (JsonNode item : items) {
            String id = item.get("id").asText();
            String reference = references.get(item.get("problem").asText());
            if (reference == null) {
                throw new IllegalStateException(file + ": item " + id + " has no matching " + split + " test problem");
            }
            List<String> steps = new ArrayList<>();
            item.get("steps").forEach(step -> steps.add(step.asText()));
            cases.add(new Case(id, split, String.join("\n\n", steps), reference,
                    item.get("final_answer_correct").asBoolean(), options));
        }
    }

    /** GSM8K test: each worked answer against its own {@code #### N}. */
    public static List<Case> gsm8kReferences(Path dataDir) {
        List<Case> cases = new ArrayList<>();
        int line = 0;
        for (JsonNode row : jsonLines(dataDir.resolve("gsm8k/test.jsonl"))) {
            line++;
            String answer = row.get("answer").asText();
            cases.add(new Case("gsm8k/test.jsonl:" + line, "gsm8k", answer, gsm8kAnswer(answer), true,
                    ExtractionOptions.withLastNumberFallback()));
        }
        return cases;
    }

    /** MATH test: each solution against the content of its last box. */
    public static List<Case> mathReferences(Path dataDir) {
        List<Case> cases = new ArrayList<>();
        int line = 0;
        for (JsonNode row : jsonLines(dataDir.resolve("math/test.jsonl"))) {
            line++;
            String solution = row.get("solution").asText();
            cases.add(new Case("math/test.jsonl:" + line, "math", solution, mathAnswer(solution), true,
                    ExtractionOptions.markersOnly()));
        }
        return cases;
    }

    /** MATH-500: each solution against the file's {@code answer} field. */
    public static List<Case> math500References(Path dataDir) {
        List<Case> cases = new ArrayList<>();
        for (JsonNode row : jsonLines(dataDir.resolve("math500/test.jsonl"))) {
            cases.add(new Case(row.get("unique_id").asText(), "math500", row.get("solution").asText(),
                    row.get("answer").asText(), true, ExtractionOptions.markersOnly()));
        }
        return cases;
    }

    /** The number after GSM8K's {@code ####}, thousands separators removed. */
    static String gsm8kAnswer(String answer) {
        int at = answer.lastIndexOf("####");
        if (at < 0) {
            throw new IllegalArgumentException("GSM8K answer without '####': " + AnswerComparator.shorten(answer));
        }
        return answer.substring(at + 4).strip().replace(",", "");
    }

    /** The content of the last {@code \boxed{}} / {@code \fbox{}} of a MATH solution. */
    static String mathAnswer(String solution) {
        Extraction boxed = AnswerExtractor.lastBoxed(solution, solution.length());
        if (boxed == null) {
            throw new IllegalArgumentException("MATH solution without a box: " + AnswerComparator.shorten(solution));
        }
        return boxed.answer();
    }

    private static List<JsonNode> jsonLines(Path file) {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    rows.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(file + ":" + number + ": not valid JSON", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    private static JsonNode readTree(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
