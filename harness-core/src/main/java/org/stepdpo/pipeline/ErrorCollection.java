package org.stepdpo.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stepdpo.data.Grade;
import org.stepdpo.data.Problem;
import org.stepdpo.generation.GeneratedText;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.Seeds;
import org.stepdpo.pipeline.Records.ErrorLine;
import org.stepdpo.pipeline.Records.SampleLine;
import org.stepdpo.pipeline.Records.StepSpan;
import org.stepdpo.steps.Step;
import org.stepdpo.steps.StepSegmenter;

/**
 * Error collection (docs/METHOD.md; paper section 3.2): k answers per problem from the policy, graded
 * ({@code samples.jsonl}), and the wrong ones split into steps ({@code errors.jsonl}).
 */
final class ErrorCollection {

    private static final StepSegmenter SEGMENTER = new StepSegmenter();

    private final Generator generator;
    private final AppendOnlyStage stages;
    private final PrintStream log;

    ErrorCollection(Generator generator, AppendOnlyStage stages, PrintStream log) {
        this.generator = generator;
        this.stages = stages;
        this.log = log;
    }

    private record SampleUnit(Problem problem, int sampleIndex) {
    }

    List<SampleLine> sample(StageContext cx, RunState state) {
        Path file = cx.dir().resolve(PipelineOutputs.SAMPLES);
        if (state.done("sampling")) {
            return JsonlLog.readAll(file, SampleLine.class);
        }
        PipelineConfig c = cx.config();
        List<SampleUnit> units = new ArrayList<>();
        for (Problem p : cx.problems()) {
            for (int j = 0; j < c.samplesPerProblem(); j++) {
                units.add(new SampleUnit(p, j));
            }
        }
        List<SampleLine> lines = stages.run(file, SampleLine.class, units, "sampling", "samples", c.batchSize(),
                (line, u) -> line.problemId().equals(u.problem().id()) && line.sampleIndex() == u.sampleIndex(),
                chunk -> {
                    List<SampleRequest> requests = new ArrayList<>(chunk.size());
                    for (SampleUnit u : chunk) {
                        requests.add(new SampleRequest(cx.template().generationPrompt(u.problem().question()),
                                Seeds.derive(c.seed(), "sample", u.problem().id(), u.sampleIndex())));
                    }
                    List<GeneratedText> texts = generator.generate(requests, c.sampling());
                    List<SampleLine> out = new ArrayList<>(chunk.size());
                    for (int i = 0; i < chunk.size(); i++) {
                        SampleUnit u = chunk.get(i);
                        String completion = texts.get(i).text();
                        Grade g = cx.grade(u.problem(), cx.template().responsePrefix() + completion);
                        out.add(new SampleLine(u.problem().id(), u.problem().index(), u.sampleIndex(),
                                requests.get(i).seed(), completion, texts.get(i).finishReason(), g.extracted(), g.correct()));
                    }
                    return out;
                });
        state.complete("sampling");
        return lines;
    }

    List<ErrorLine> collectErrors(StageContext cx, RunState state, List<SampleLine> samples) {
        Path file = cx.dir().resolve(PipelineOutputs.ERRORS);
        if (state.done("errors")) {
            return JsonlLog.readAll(file, ErrorLine.class);
        }
        List<ErrorLine> errors = new ArrayList<>();
        for (SampleLine s : samples) {
            if (!s.correct()) {
                String response = cx.template().responsePrefix() + s.completion();
                List<StepSpan> spans = new ArrayList<>();
                for (Step st : SEGMENTER.split(response)) {
                    spans.add(new StepSpan(st.index(), st.start(), st.end(), st.bodyStart(), st.text()));
                }
                errors.add(new ErrorLine(s.problemId(), s.problemIndex(), s.sampleIndex(), s.extracted(), response, spans));
            }
        }
        JsonlLog.writeAtomically(file, errors);
        state.complete("errors");
        log.printf("error collection: %d of %d answers are wrong%n", errors.size(), samples.size());
        return errors;
    }
}
