package org.stepdpo.pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stepdpo.data.Problem;
import org.stepdpo.generation.Generator;
import org.stepdpo.metrics.AnswerMetrics;
import org.stepdpo.pipeline.Records.ErrorLine;
import org.stepdpo.pipeline.Records.LocalizedLine;
import org.stepdpo.pipeline.Records.RectificationLine;
import org.stepdpo.pipeline.Records.SampleLine;
import org.stepdpo.pipeline.Records.StepSpan;

/**
 * Pairs: each localized error with its right continuations becomes Step-DPO pairs ({@code pairs.jsonl}, by
 * {@link PairBuilder}), each problem's right and wrong answers whole-answer pairs for the DPO baseline
 * ({@code dpo_pairs.jsonl}), and the iteration's counts go to {@code summary.json}.
 */
final class PairsStage {

    static final String SUMMARY_JSON = "summary.json";

    private final Generator generator;
    private final PrintStream log;

    PairsStage(Generator generator, PrintStream log) {
        this.generator = generator;
        this.log = log;
    }

    PipelineSummary build(StageContext cx, RunState state, List<SampleLine> samples, List<ErrorLine> errors,
                          List<LocalizedLine> localized, List<RectificationLine> rectifications, String judgeName,
                          AnswerMetrics metrics) {
        PipelineConfig c = cx.config();
        Map<String, Problem> byId = cx.byId();
        Map<SampleKey, List<String>> rightByError = new LinkedHashMap<>();
        for (RectificationLine r : rectifications) {
            if (r.correct()) {
                rightByError.computeIfAbsent(new SampleKey(r.problemId(), r.sampleIndex()), x -> new ArrayList<>()).add(r.continuation());
            }
        }
        List<PairBuilder.ErrorCase> cases = new ArrayList<>();
        int noError = 0;
        int undecided = 0;
        for (int i = 0; i < errors.size(); i++) {
            ErrorLine e = errors.get(i);
            LocalizedLine l = localized.get(i);
            if (l.firstErrorStep() == null) {
                if (l.undecided() != null) {
                    undecided++;
                } else {
                    noError++;
                }
                continue;
            }
            StepSpan wrong = e.steps().get(l.firstErrorStep());
            Problem p = byId.get(e.problemId());
            cases.add(new PairBuilder.ErrorCase(c.dataset().adapter(), p.id(), p.question(), p.referenceAnswer(),
                    l.firstErrorStep(), e.response().substring(0, wrong.bodyStart()),
                    e.response().substring(wrong.bodyStart(), wrong.end()), e.response().substring(wrong.bodyStart()),
                    l.judge(), generator.modelName(),
                    rightByError.getOrDefault(new SampleKey(e.problemId(), e.sampleIndex()), List.of())));
        }
        PairBuilder.Result result = new PairBuilder(c.pairRules()).build(cases);

        Map<String, List<String>> right = new LinkedHashMap<>();
        Map<String, List<String>> wrong = new LinkedHashMap<>();
        for (SampleLine s : samples) {
            (s.correct() ? right : wrong).computeIfAbsent(s.problemId(), x -> new ArrayList<>()).add(s.completion());
        }
        List<WholeAnswerPairs.ProblemAnswers> answers = new ArrayList<>();
        for (Problem p : cx.problems()) {
            answers.add(new WholeAnswerPairs.ProblemAnswers(c.dataset().adapter(), p.id(), p.question(), p.referenceAnswer(),
                    right.getOrDefault(p.id(), List.of()), wrong.getOrDefault(p.id(), List.of())));
        }
        List<PreferencePair> wholePairs = WholeAnswerPairs.build(answers, c.template().responsePrefix(),
                generator.modelName(), c.pairRules());

        Map<String, Integer> dropped = new LinkedHashMap<>();
        result.dropped().forEach((reason, n) -> dropped.put(reason.name().toLowerCase(java.util.Locale.ROOT), n));
        PipelineSummary summary = new PipelineSummary(cx.problems().size(), samples.size(), metrics.correctSamples(),
                metrics.passAt1(), metrics.steps().value(), errors.size(), cases.size(), noError, undecided,
                rectifications.size(), (int) rectifications.stream().filter(RectificationLine::correct).count(),
                rightByError.size(), result.pairs().size(), dropped, wholePairs.size());
        if (!state.done("pairs")) {
            JsonlLog.writeAtomically(cx.dir().resolve(PipelineOutputs.PAIRS), result.pairs());
            JsonlLog.writeAtomically(cx.dir().resolve(PipelineOutputs.DPO_PAIRS), wholePairs);
            try {
                ObjectNode json = JsonlLog.JSON.copy()
                        .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                        .valueToTree(summary);
                json.put("judge", judgeName);
                JsonlLog.writeStringAtomically(cx.dir().resolve(SUMMARY_JSON),
                        JsonlLog.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            state.complete("pairs");
            log.printf("pairs: %d step pairs from %d localized errors (%d right continuations of %d); %d whole-answer pairs%n",
                    result.pairs().size(), cases.size(), summary.rightContinuations(), rectifications.size(),
                    wholePairs.size());
        }
        return summary;
    }
}
