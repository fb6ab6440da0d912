package org.stepdpo.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stepdpo.data.Grade;
import org.stepdpo.data.Problem;
import org.stepdpo.generation.GeneratedText;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.Seeds;
import org.stepdpo.pipeline.Records.ErrorLine;
import org.stepdpo.pipeline.Records.LocalizedLine;
import org.stepdpo.pipeline.Records.RectificationLine;

/**
 * Rectification: n continuations by the policy from the prefix of correct steps before each first wrong step,
 * graded ({@code rectifications.jsonl}); the right ones become the chosen steps of the pairs.
 */
final class Rectification {

    private final Generator generator;
    private final AppendOnlyStage stages;

    Rectification(Generator generator, AppendOnlyStage stages) {
        this.generator = generator;
        this.stages = stages;
    }

    private record RectificationUnit(ErrorLine error, int stepIndex, int continuationIndex) {
        String initialReasonSteps() {
            return error.response().substring(0, error.steps().get(stepIndex).bodyStart());
        }
    }

    List<RectificationLine> rectify(StageContext cx, RunState state, List<ErrorLine> errors,
                                            List<LocalizedLine> localized) {
        Path file = cx.dir().resolve(PipelineOutputs.RECTIFICATIONS);
        if (state.done("rectification")) {
            return JsonlLog.readAll(file, RectificationLine.class);
        }
        PipelineConfig c = cx.config();
        List<RectificationUnit> units = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            Integer k = localized.get(i).firstErrorStep();
            if (k != null) {
                for (int r = 0; r < c.rectificationsPerError(); r++) {
                    units.add(new RectificationUnit(errors.get(i), k, r));
                }
            }
        }
        Map<String, Problem> byId = cx.byId();
        List<RectificationLine> lines = stages.run(file, RectificationLine.class, units, "rectification",
                "continuations", c.batchSize(),
                (line, u) -> line.problemId().equals(u.error().problemId()) && line.sampleIndex() == u.error().sampleIndex()
                        && line.continuationIndex() == u.continuationIndex(),
                chunk -> {
                    List<SampleRequest> requests = new ArrayList<>(chunk.size());
                    for (RectificationUnit u : chunk) {
                        Problem p = byId.get(u.error().problemId());
                        requests.add(new SampleRequest(cx.template().prompt(p.question()) + u.initialReasonSteps(),
                                Seeds.derive(c.seed(), "rectify", p.id(), u.error().sampleIndex(), u.continuationIndex())));
                    }
                    List<GeneratedText> texts = generator.generate(requests, c.rectificationSampling());
                    List<RectificationLine> out = new ArrayList<>(chunk.size());
                    for (int i = 0; i < chunk.size(); i++) {
                        RectificationUnit u = chunk.get(i);
                        Problem p = byId.get(u.error().problemId());
                        String continuation = texts.get(i).text();
                        Grade g = cx.grade(p, u.initialReasonSteps() + continuation);
                        out.add(new RectificationLine(p.id(), p.index(), u.error().sampleIndex(), u.stepIndex(),
                                u.continuationIndex(), requests.get(i).seed(), continuation, texts.get(i).finishReason(),
                                g.extracted(), g.correct()));
                    }
                    return out;
                });
        state.complete("rectification");
        return lines;
    }
}
