package org.stepdpo.demo;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.stepdpo.data.arith.ArithStepVerifier.ErrorKind;
import org.stepdpo.evaluation.ResultLines;

/**
 * What the first wrong steps of one model's wrong answers are, by the verifier's error kind: arithmetic slips
 * (which preference training cannot fix: it adds no capacity) versus wrong operations (a preferred wrong
 * step, which it can). Read from an evaluation's {@code results.jsonl} ({@code first_error_reason}).
 *
 * @param wrong  wrong answers
 * @param byKind wrong answers by the kind of their first wrong step ("arithmetic", "wrong operation", ...;
 *               "other" for reasons the verifier did not write, "none" when no step was found wrong)
 */
public record ErrorMix(int wrong, Map<String, Integer> byKind) {

    public ErrorMix {
        byKind = Map.copyOf(byKind);
    }

    /** The share of wrong answers whose first wrong step is of this kind. */
    public double share(ErrorKind kind) {
        return wrong == 0 ? 0 : (double) byKind.getOrDefault(kind.label(), 0) / wrong;
    }

    static ErrorMix read(Path results) {
        Map<String, Integer> byKind = new TreeMap<>();
        int wrong = 0;
        for (ResultLines.Line line : ResultLines.read(results)) {
            if (!line.correct()) {
                wrong++;
                byKind.merge(kindOf(line), 1, Integer::sum);
            }
        }
        return new ErrorMix(wrong, byKind);
    }

    private static String kindOf(ResultLines.Line line) {
        if (line.firstErrorReason() == null) {
            return "none";
        }
        ErrorKind kind = ErrorKind.ofReason(line.firstErrorReason());
        return kind == null ? "other" : kind.label();
    }
}
