package org.stepdpo.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.data.Problem;
import org.stepdpo.pipeline.Records.LocalizedLine;
import org.stepdpo.pipeline.Records.SampleLine;
import org.stepdpo.pipeline.Records.VerdictLine;
import org.stepdpo.reports.runs.SampleRecord;
import org.stepdpo.reports.runs.StepRecord;
import org.stepdpo.reports.runs.StepVerdict;
import org.stepdpo.steps.Step;
import org.stepdpo.steps.StepSegmenter;

/** The data loop's samples as the run store keeps them: each answer's steps with the judge's verdicts. */
final class SampleRecords {

    private static final StepSegmenter SEGMENTER = new StepSegmenter();

    private SampleRecords() {
    }

    static List<SampleRecord> of(StageContext cx, List<SampleLine> samples, List<LocalizedLine> localized) {
        Map<SampleKey, LocalizedLine> byKey = new HashMap<>();
        localized.forEach(l -> byKey.put(new SampleKey(l.problemId(), l.sampleIndex()), l));
        Map<String, Problem> byId = cx.byId();
        List<SampleRecord> records = new ArrayList<>(samples.size());
        for (SampleLine s : samples) {
            String response = cx.template().responsePrefix() + s.completion();
            LocalizedLine l = byKey.get(new SampleKey(s.problemId(), s.sampleIndex()));
            Map<Integer, VerdictLine> verdicts = new HashMap<>();
            if (l != null) {
                l.verdicts().forEach(v -> verdicts.put(v.index(), v));
            }
            List<StepRecord> steps = new ArrayList<>();
            for (Step st : SEGMENTER.split(response)) {
                VerdictLine v = verdicts.get(st.index());
                steps.add(new StepRecord(st.index(), st.text(), st.start(), st.end(),
                        v == null ? null : StepVerdict.valueOf(v.verdict().toUpperCase(java.util.Locale.ROOT)),
                        v == null ? null : v.reason()));
            }
            Problem p = byId.get(s.problemId());
            Integer firstError = l == null ? null : l.firstErrorStep();
            records.add(new SampleRecord(s.problemId(), s.problemIndex(), s.sampleIndex(), response, s.extracted(),
                    s.correct(), p.level(), p.subject(), firstError != null && firstError < steps.size() ? firstError : null,
                    steps));
        }
        return records;
    }
}
