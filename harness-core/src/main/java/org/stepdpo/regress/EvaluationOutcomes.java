package org.stepdpo.regress;

import java.nio.file.Path;
import java.util.List;
import org.stepdpo.config.baselines.ProblemOutcome;
import org.stepdpo.evaluation.ResultLines;

/** A greedy evaluation's {@code results.jsonl} as per-problem outcomes (first wrong step 1-based). */
final class EvaluationOutcomes {

    private EvaluationOutcomes() {
    }

    static List<ProblemOutcome> read(Path results) {
        return ResultLines.read(results).stream().map(l -> new ProblemOutcome(l.id(), l.correct(), l.steps(), l.judged(),
                l.firstErrorStep() == null ? null : l.firstErrorStep() + 1)).toList();
    }
}
