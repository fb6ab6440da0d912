package org.stepdpo.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.metrics.AnswerMetrics;
import org.stepdpo.metrics.WilsonInterval;
import org.stepdpo.steps.Step;

/** Writes an evaluation's {@code results.jsonl} (one line per sample) and {@code summary.json}. */
public final class EvalOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalOutput() {
    }

    public static void writeResults(Path file, List<SampleResult> samples) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (SampleResult s : samples) {
                out.write(JSON.writeValueAsString(resultLine(s)));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Object> resultLine(SampleResult s) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("idx", s.problem().index());
        line.put("id", s.problem().id());
        line.put("sample", s.sample());
        line.put("extracted", s.extracted());
        line.put("correct", s.correct());
        line.put("reason", s.reason());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Step st : s.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", st.index());
            m.put("text", st.text());
            m.put("start", st.start());
            m.put("end", st.end());
            steps.add(m);
        }
        line.put("steps", steps);
        return line;
    }

    /**
     * The summary as written to {@code summary.json}: snake_case keys, the accuracy's 95% Wilson interval,
     * and the run's provenance. Every number is docs/METRICS.md's; absent keys are undefined (maj@k and pass@k
     * with one sample per problem).
     */
    public static Map<String, Object> summaryJson(String adapter, String model, EvalSummary summary, Long runId,
                                                  Map<String, Object> provenance) {
        AnswerMetrics s = summary.overall();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("adapter", adapter);
        m.put("model", model);
        m.put("run_id", runId);
        m.put("n_problems", s.problems());
        m.put("n_samples", s.samples());
        m.put("n_correct", s.correctSamples());
        m.put("n_first_correct", s.accuracy().count());
        m.put("accuracy", s.accuracy().value());
        WilsonInterval ci = s.accuracy().wilson95();
        m.put("accuracy_ci95", List.of(ci.low(), ci.high()));
        m.put("pass_at_1", s.passAt1());
        m.put("k", s.k());
        if (s.passAtK() != null) {
            m.put("pass_at_k", s.passAtK());
        }
        if (s.majAtK() != null) {
            m.put("maj_at_k", s.majAtKValue());
        }
        m.put("no_answer", s.noAnswer());
        m.put("mean_steps", s.steps().value());
        if (!summary.perLevel().isEmpty()) {
            m.put("accuracy_per_level", groups(summary.perLevel()));
        }
        if (!summary.perSubject().isEmpty()) {
            m.put("accuracy_per_subject", groups(summary.perSubject()));
        }
        m.put("provenance", provenance);
        return m;
    }

    /** Per group: problems, those right on their first sample, the accuracy, and the samples taken. */
    private static Map<String, Object> groups(Map<String, AnswerMetrics> groups) {
        Map<String, Object> out = new LinkedHashMap<>();
        groups.forEach((k, g) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("problems", g.problems());
            m.put("first_correct", g.accuracy().count());
            m.put("accuracy", g.accuracy().value());
            m.put("samples", g.samples());
            out.put(k, m);
        });
        return out;
    }

    public static void writeJson(Path file, Object value) {
        try {
            JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
