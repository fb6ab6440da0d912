package org.stepdpo.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.data.Problem;

/**
 * How a completions file covers its data file: which problems have completions and how many each. An evaluation
 * that silently covers half the problems, or gives some problems more samples than others, would put a number on
 * the leaderboard that means something else than the same number beside it; these facts make it say so.
 *
 * @param problems          problems in the data file
 * @param samplesPerProblem samples per covered problem, in data order (problem id to count)
 * @param firstMissing      the first problem without completions, or null when all are covered
 */
public record CompletionCoverage(int problems, Map<String, Integer> samplesPerProblem, Problem firstMissing) {

    public static CompletionCoverage of(List<Problem> data, List<SampleResult> samples) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        samples.forEach(s -> counts.merge(s.problem().id(), 1, Integer::sum));
        Map<String, Integer> inDataOrder = new LinkedHashMap<>();
        Problem missing = null;
        for (Problem p : data) {
            Integer n = counts.get(p.id());
            if (n != null) {
                inDataOrder.put(p.id(), n);
            } else if (missing == null) {
                missing = p;
            }
        }
        return new CompletionCoverage(data.size(), inDataOrder, missing);
    }

    public int covered() {
        return samplesPerProblem.size();
    }

    public boolean partial() {
        return covered() < problems;
    }

    /** The refusal of a partial evaluation, naming both files, the count and the first missing problem. */
    public String partialMessage(Path completions, Path data) {
        return completions + " covers " + covered() + " of the " + problems + " problems of " + data
                + " (the first without completions: row " + firstMissing.index() + ", id \"" + firstMissing.id()
                + "\"); give --allow-partial to evaluate only those it covers";
    }

    /**
     * What a reader of the result must know: a partial evaluation (when allowed) and uneven sample counts. Empty when
     * every problem has the same number of samples.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (partial()) {
            out.add("partial: completions cover " + covered() + " of " + problems + " problems; accuracy is over those "
                    + covered());
        }
        int min = samplesPerProblem.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = samplesPerProblem.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (min != max) {
            String most = samplesPerProblem.entrySet().stream().filter(e -> e.getValue() == max).findFirst()
                    .map(Map.Entry::getKey).orElseThrow();
            long fewer = samplesPerProblem.values().stream().filter(n -> n < max).count();
            out.add("uneven samples: " + min + " to " + max + " per problem (problem \"" + most + "\" has " + max + "; "
                    + fewer + " problems have fewer); maj@k votes over fewer samples for some problems and pass@k is left out");
        }
        return out;
    }
}
