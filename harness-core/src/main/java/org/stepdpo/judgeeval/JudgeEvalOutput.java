package org.stepdpo.judgeeval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.stepdpo.evaluation.EvalOutput;
import org.stepdpo.judges.StepAssessment;
import org.stepdpo.reports.metrics.JudgeAgreement;

/** Writes a judge evaluation's {@code results.jsonl} (one line per item) and {@code summary.json}. */
public final class JudgeEvalOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JudgeEvalOutput() {
    }

    /** The ProcessBench scores of judged items, by the same rule as the stored run's metrics. */
    static JudgeAgreement agreement(List<JudgedItem> items) {
        return JudgeAgreement.score(items.stream().map(j -> new JudgeAgreement.Item(j.item().label(), j.predicted())).toList());
    }

    static void writeResults(Path file, List<JudgedItem> items) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (JudgedItem j : items) {
                out.write(JSON.writeValueAsString(resultLine(j)));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Object> resultLine(JudgedItem j) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("split", j.split());
        line.put("idx", j.index());
        line.put("id", j.item().id());
        line.put("generator", j.item().generator());
        line.put("label", j.item().label());
        line.put("predicted", j.predicted());
        line.put("match", j.matches());
        line.put("undecided", j.judgement().undecided());
        line.put("final_answer_correct", j.item().finalAnswerCorrect());
        line.put("n_steps", j.item().steps().size());
        List<Map<String, Object>> verdicts = new ArrayList<>();
        for (StepAssessment a : j.judgement().assessments()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("step", a.index());
            v.put("verdict", a.verdict().name().toLowerCase(java.util.Locale.ROOT));
            v.put("reason", a.reason());
            verdicts.add(v);
        }
        line.put("verdicts", verdicts);
        return line;
    }

    static void writeSummary(Path file, String judge, List<JudgeEvalJob.SplitOutcome> splits, Map<String, Object> provenance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("judge", judge);
        Map<String, Object> bySplit = new LinkedHashMap<>();
        double f1Sum = 0;
        int f1Count = 0;
        for (JudgeEvalJob.SplitOutcome s : splits) {
            JudgeAgreement a = s.agreement();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("benchmark", s.benchmark());
            e.put("run_id", s.runId());
            e.put("items", s.items().size());
            if (a != null) {
                e.put("erroneous", a.erroneous());
                e.put("erroneous_matched", a.erroneousMatched());
                e.put("correct", a.correctItems());
                e.put("correct_matched", a.correctMatched());
                e.put("no_verdict", a.unjudged());
                e.put("acc_err", a.accErr());
                e.put("acc_ok", a.accOk());
                e.put("f1", a.f1());
                if (a.f1() != null) {
                    f1Sum += a.f1();
                    f1Count++;
                }
            }
            bySplit.put(s.split(), e);
        }
        m.put("splits", bySplit);
        // ProcessBench reports the average F1 over its splits.
        m.put("mean_f1", f1Count == 0 ? null : f1Sum / f1Count);
        m.put("provenance", provenance);
        EvalOutput.writeJson(file, m);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
