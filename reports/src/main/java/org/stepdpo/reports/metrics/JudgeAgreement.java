package org.stepdpo.reports.metrics;

import java.util.List;

/**
 * How well the step judge found labelled first errors, as ProcessBench (Zheng et al. 2024) scores a critic
 * (docs/METHOD.md): acc_err = share of erroneous items (gold label k &gt;= 0) whose earliest wrong step the judge
 * names exactly; acc_ok = share of correct items (label -1) the judge calls correct; F1 = 2·acc_err·acc_ok /
 * (acc_err + acc_ok). A judged sample without a wrong step counts as the prediction -1. A labelled sample the
 * judge gave no verdict on (an LLM reply that never parsed) matches nothing, as an unreadable critique does in
 * ProcessBench: counting it as "no error" would reward a judge for failing on correct items.
 *
 * @param unjudged labelled samples without any verdict (counted as mismatches, included in the other counts)
 * @param accErr   null when there are no erroneous items
 * @param accOk    null when there are no correct items
 * @param f1       null unless both accuracies exist (0 when both are 0)
 */
public record JudgeAgreement(int labelled, int erroneous, int erroneousMatched, int correctItems, int correctMatched,
        int unjudged, Double accErr, Double accOk, Double f1) {

    /**
     * One labelled item.
     *
     * @param gold      0-based earliest wrong step, or -1 when every step is right
     * @param predicted the judge's first wrong step, -1 for "no error", or null when it gave no verdict
     */
    public record Item(int gold, Integer predicted) {
    }

    /** Scores labelled items; null when there are none. */
    public static JudgeAgreement score(List<Item> items) {
        int erroneous = 0;
        int erroneousMatched = 0;
        int ok = 0;
        int okMatched = 0;
        int unjudged = 0;
        for (Item item : items) {
            boolean match = item.predicted() != null && item.predicted() == item.gold();
            unjudged += item.predicted() == null ? 1 : 0;
            if (item.gold() >= 0) {
                erroneous++;
                erroneousMatched += match ? 1 : 0;
            } else {
                ok++;
                okMatched += match ? 1 : 0;
            }
        }
        return items.isEmpty() ? null : of(erroneous, erroneousMatched, ok, okMatched, unjudged);
    }

    static JudgeAgreement of(int erroneous, int erroneousMatched, int correctItems, int correctMatched, int unjudged) {
        Double accErr = erroneous == 0 ? null : erroneousMatched / (double) erroneous;
        Double accOk = correctItems == 0 ? null : correctMatched / (double) correctItems;
        Double f1 = accErr == null || accOk == null ? null
                : accErr + accOk == 0 ? 0.0 : 2 * accErr * accOk / (accErr + accOk);
        return new JudgeAgreement(erroneous + correctItems, erroneous, erroneousMatched, correctItems, correctMatched,
                unjudged, accErr, accOk, f1);
    }
}
