package org.stepdpo.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stepdpo.data.Problem;
import org.stepdpo.generation.Seeds;
import org.stepdpo.judges.JudgeInput;
import org.stepdpo.judges.Judgement;
import org.stepdpo.judges.StepAssessment;
import org.stepdpo.judges.StepJudge;
import org.stepdpo.pipeline.Records.ErrorLine;
import org.stepdpo.pipeline.Records.LocalizedLine;
import org.stepdpo.pipeline.Records.StepSpan;
import org.stepdpo.pipeline.Records.VerdictLine;
import org.stepdpo.steps.Step;

/**
 * Step localization: the judge names the first wrong step of each wrong answer ({@code localized.jsonl}), or says
 * it found none, or gives no verdict.
 */
final class StepLocalization {

    private final AppendOnlyStage stages;

    StepLocalization(AppendOnlyStage stages) {
        this.stages = stages;
    }

    List<LocalizedLine> localize(StageContext cx, RunState state, StepJudge judge, List<ErrorLine> errors) {
        Path file = cx.dir().resolve(PipelineOutputs.LOCALIZED);
        if (state.done("localization")) {
            return JsonlLog.readAll(file, LocalizedLine.class);
        }
        Map<String, Problem> byId = cx.byId();
        List<LocalizedLine> lines = stages.run(file, LocalizedLine.class, errors, "judging", "answers",
                cx.config().batchSize(),
                (line, e) -> line.problemId().equals(e.problemId()) && line.sampleIndex() == e.sampleIndex(),
                chunk -> {
                    List<JudgeInput> inputs = new ArrayList<>(chunk.size());
                    for (ErrorLine e : chunk) {
                        inputs.add(new JudgeInput(byId.get(e.problemId()), e.response(), steps(e),
                                Seeds.derive(cx.config().seed(), "judge", e.problemId(), e.sampleIndex())));
                    }
                    List<Judgement> judgements = judge.firstErrors(inputs);
                    List<LocalizedLine> out = new ArrayList<>(chunk.size());
                    for (int i = 0; i < chunk.size(); i++) {
                        ErrorLine e = chunk.get(i);
                        Judgement j = judgements.get(i);
                        List<VerdictLine> verdicts = new ArrayList<>();
                        for (StepAssessment a : j.assessments()) {
                            verdicts.add(new VerdictLine(a.index(), a.verdict().name().toLowerCase(java.util.Locale.ROOT),
                                    a.reason()));
                        }
                        out.add(new LocalizedLine(e.problemId(), e.problemIndex(), e.sampleIndex(), judge.name(),
                                j.hasError() ? j.firstErrorIndex() : null, j.undecided(), verdicts));
                    }
                    return out;
                });
        state.complete("localization");
        return lines;
    }

    private static List<Step> steps(ErrorLine e) {
        List<Step> steps = new ArrayList<>(e.steps().size());
        for (StepSpan s : e.steps()) {
            steps.add(new Step(s.index(), s.text(), s.start(), s.end(), s.bodyStart()));
        }
        return steps;
    }
}
