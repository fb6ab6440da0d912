package org.stepdpo.judgeeval;

import java.util.ArrayList;
import java.util.List;
import org.stepdpo.judges.Judgement;
import org.stepdpo.judges.StepAssessment;
import org.stepdpo.reports.runs.SampleRecord;
import org.stepdpo.reports.runs.StepRecord;
import org.stepdpo.reports.runs.StepVerdict;
import org.stepdpo.steps.Step;

/** Judged items as the samples of a JUDGE run: the judge's first wrong step beside the gold label. */
final class JudgedSamples {

    static final String ALL_CORRECT = "the judge called every step correct";

    private JudgedSamples() {
    }

    static List<SampleRecord> records(List<JudgedItem> items) {
        List<SampleRecord> records = new ArrayList<>(items.size());
        for (JudgedItem j : items) {
            Judgement judgement = j.judgement();
            List<StepRecord> steps = new ArrayList<>();
            for (Step s : j.input().steps()) {
                StepAssessment a = judgement.assessments().stream().filter(x -> x.index() == s.index()).findFirst()
                        .orElse(null);
                StepVerdict verdict = a != null ? StepVerdict.valueOf(a.verdict().name())
                        // "All steps are correct" is a verdict on every step, also those the reply did not list;
                        // without it an all-correct judgement would read back as "not judged".
                        : judgement.decided() && !judgement.hasError() ? StepVerdict.CORRECT : null;
                String reason = a != null ? a.reason() : verdict != null ? ALL_CORRECT : null;
                steps.add(new StepRecord(s.index(), s.text(), s.start(), s.end(), verdict, reason));
            }
            // A ProcessBench solution's answer is not re-graded: its final_answer_correct label is the sample's result.
            records.add(new SampleRecord(j.item().id(), j.index(), 0, j.input().response(), null,
                    j.item().finalAnswerCorrect(), null, null, judgement.hasError() ? judgement.firstErrorIndex() : null,
                    j.item().label(), steps));
        }
        return records;
    }
}
