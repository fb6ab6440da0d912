package org.stepdpo.demo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stepdpo.evaluation.ResultLines;
import org.stepdpo.reports.comparison.McNemar;

/**
 * Two models on the same test problems: how many each got right that the other did not, and McNemar's exact
 * test of "no difference" on those discordant problems.
 *
 * @param a       the first model (e.g. step-dpo)
 * @param b       the second (e.g. sft)
 * @param n       problems both answered
 * @param onlyA   problems only a got right
 * @param onlyB   problems only b got right
 * @param pValue  McNemar's exact two-sided p
 */
public record PairedComparison(String a, String b, int n, int onlyA, int onlyB, double pValue) {

    /** Compares two evaluations' {@code results.jsonl} by problem id; fails when they cover different problems. */
    static PairedComparison of(String a, Path resultsA, String b, Path resultsB) {
        Map<String, Boolean> ra = outcomes(resultsA);
        Map<String, Boolean> rb = outcomes(resultsB);
        if (!ra.keySet().equals(rb.keySet())) {
            throw new IllegalStateException(resultsA + " and " + resultsB + " cover different problems");
        }
        int onlyA = 0;
        int onlyB = 0;
        for (Map.Entry<String, Boolean> e : ra.entrySet()) {
            boolean right = rb.get(e.getKey());
            onlyA += e.getValue() && !right ? 1 : 0;
            onlyB += !e.getValue() && right ? 1 : 0;
        }
        McNemar test = McNemar.of(onlyB, onlyA);
        return new PairedComparison(a, b, ra.size(), onlyA, onlyB, test.exactP());
    }

    private static Map<String, Boolean> outcomes(Path results) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        ResultLines.read(results).forEach(line -> out.put(line.id(), line.correct()));
        return out;
    }
}
