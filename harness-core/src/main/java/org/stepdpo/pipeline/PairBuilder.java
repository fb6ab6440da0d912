package org.stepdpo.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stepdpo.steps.Step;
import org.stepdpo.steps.StepSegmenter;

/**
 * Rectification's last part (paper section 3.2): the first step of each kept continuation is a chosen
 * step s_win, the localized wrong step is the rejected one s_lose; the {@link PairRules} decide which
 * candidates become pairs. Candidates are taken in order (errors in file order, continuations in
 * sampling order), so the result is the same on every run.
 */
public final class PairBuilder {

    /** Why a candidate did not become a pair; counted in {@link Result#dropped()}. */
    public enum DropReason { EMPTY_CHOSEN, TOO_LONG, CHOSEN_EQUALS_REJECTED, DUPLICATE, ERROR_LIMIT, PROBLEM_LIMIT }

    /**
     * One localized error with its right continuations.
     *
     * @param dataset            adapter name
     * @param problemId          problem id
     * @param question           problem text
     * @param answer             reference answer
     * @param stepIndex          0-based index of the wrong step
     * @param initialReasonSteps response up to and including the wrong step's marker
     * @param rejectedStep       the wrong step's text after its marker
     * @param fullRejected       the response from after the marker to its end
     * @param judge              the localizing judge's name
     * @param sourceModel        the model that wrote the response and the continuations
     * @param rightContinuations continuations (text after the marker) whose final answer is right, in sampling order
     */
    public record ErrorCase(String dataset, String problemId, String question, String answer, int stepIndex,
                            String initialReasonSteps, String rejectedStep, String fullRejected, String judge,
                            String sourceModel, List<String> rightContinuations) {
        public ErrorCase {
            rightContinuations = List.copyOf(rightContinuations);
        }
    }

    /** The pairs, and how many candidates each rule dropped. */
    public record Result(List<PreferencePair> pairs, Map<DropReason, Integer> dropped) {
        public Result {
            pairs = List.copyOf(pairs);
            dropped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
        }
    }

    private static final StepSegmenter SEGMENTER = new StepSegmenter();

    private final PairRules rules;

    public PairBuilder(PairRules rules) {
        this.rules = rules;
    }

    public Result build(List<ErrorCase> errors) {
        List<PreferencePair> pairs = new ArrayList<>();
        Map<DropReason, Integer> dropped = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, 0);
        }
        Set<List<String>> seen = new HashSet<>();
        Map<String, Integer> perProblem = new HashMap<>();
        for (ErrorCase e : errors) {
            int fromThisError = 0;
            String rejected = trimEnd(e.rejectedStep());
            for (String continuation : e.rightContinuations()) {
                String chosen = firstStep(continuation);
                DropReason reason = null;
                if (normalize(chosen).isEmpty()) {
                    reason = DropReason.EMPTY_CHOSEN;
                } else if (rules.maxStepChars() > 0
                        && (chosen.strip().length() > rules.maxStepChars() || rejected.strip().length() > rules.maxStepChars())) {
                    reason = DropReason.TOO_LONG;
                } else if (rules.dropIdentical() && normalize(chosen).equals(normalize(rejected))) {
                    reason = DropReason.CHOSEN_EQUALS_REJECTED;
                } else if (rules.dedupe() && seen.contains(key(e, chosen, rejected))) {
                    reason = DropReason.DUPLICATE;
                } else if (!PairRules.within(fromThisError, rules.maxPairsPerError())) {
                    reason = DropReason.ERROR_LIMIT;
                } else if (!PairRules.within(perProblem.getOrDefault(e.problemId(), 0), rules.maxPairsPerProblem())) {
                    reason = DropReason.PROBLEM_LIMIT;
                }
                if (reason != null) {
                    dropped.merge(reason, 1, Integer::sum);
                    continue;
                }
                seen.add(key(e, chosen, rejected));
                fromThisError++;
                perProblem.merge(e.problemId(), 1, Integer::sum);
                pairs.add(new PreferencePair(e.dataset(), e.question(), e.initialReasonSteps(), chosen, rejected,
                        trimEnd(continuation), trimEnd(e.fullRejected()), e.answer(), e.stepIndex(), e.judge(),
                        e.sourceModel(), e.problemId()));
            }
        }
        return new Result(pairs, dropped);
    }

    /**
     * The first step of a continuation that starts right after a "Step k:" marker: its text up to the next
     * step marker (or, without markers, up to the first blank line), with the leading white space the model
     * wrote and without trailing white space.
     */
    public static String firstStep(String continuation) {
        StepSegmenter.Segmentation s = SEGMENTER.segment(continuation);
        int end;
        if (s.method() == StepSegmenter.Method.MARKERS) {
            end = s.steps().get(0).start();
        } else {
            List<Step> paragraphs = s.steps();
            end = paragraphs.isEmpty() ? continuation.length() : paragraphs.get(0).end();
        }
        return trimEnd(continuation.substring(0, end));
    }

    /** White space runs become one space, ends stripped: what "the same step" means for the rules. */
    public static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static List<String> key(ErrorCase e, String chosen, String rejected) {
        return List.of(e.problemId(), normalize(e.initialReasonSteps()), normalize(chosen), normalize(rejected));
    }

    static String trimEnd(String text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
