package org.stepdpo.reports.metrics;

/**
 * How well the step judge found labelled first errors, as ProcessBench (Zheng et al. 2024) scores a critic
 * (docs/METHOD.md): acc_err = share of erroneous items (gold label k &gt;= 0) whose earliest wrong step the judge
 * names exactly; acc_ok = share of correct items (label -1) the judge calls correct; F1 = 2·acc_err·acc_ok /
 * (acc_err + acc_ok). A sample the judge found no error in counts as the prediction -1.
 *
 * @param accErr null when there are no erroneous items
 * @param accOk  null when there are no correct items
 * @param f1     null unless both accuracies exist (0 when both are 0)
 */
public record JudgeAgreement(int labelled, int erroneous, int erroneousMatched, int correctItems, int correctMatched,
        Double accErr, Double accOk, Double f1) {

    static JudgeAgreement of(int erroneous, int erroneousMatched, int correctItems, int correctMatched) {
        Double accErr = erroneous == 0 ? null : erroneousMatched / (double) erroneous;
        Double accOk = correctItems == 0 ? null : correctMatched / (double) correctItems;
        Double f1 = accErr == null || accOk == null ? null
                : accErr + accOk == 0 ? 0.0 : 2 * accErr * accOk / (accErr + accOk);
        return new JudgeAgreement(erroneous + correctItems, erroneous, erroneousMatched, correctItems, correctMatched,
                accErr, accOk, f1);
    }
}
