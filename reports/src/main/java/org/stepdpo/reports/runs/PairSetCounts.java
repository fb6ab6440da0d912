package org.stepdpo.reports.runs;

import java.time.Instant;

/**
 * What each stage of one Step-DPO data pipeline iteration kept (paper section 3.2): the samples drawn, the
 * wrong answers among them (error collection), those whose first wrong step was found (step localization),
 * those for which at least one right continuation was found (rectification), and the preference pairs written.
 *
 * @param iteration  0-based pipeline iteration within the run
 * @param pairsFile  the pairs JSONL file, or null
 * @param recordedAt when the counts were stored; null when handing them to the store
 */
public record PairSetCounts(int iteration, int problems, int samples, int wrongAnswers, int localized, int rectified,
        int pairsKept, String pairsFile, Instant recordedAt) {

    public PairSetCounts {
        if (iteration < 0 || problems < 0 || samples < 0 || pairsKept < 0
                || wrongAnswers < 0 || wrongAnswers > samples
                || localized < 0 || localized > wrongAnswers
                || rectified < 0 || rectified > localized) {
            throw new IllegalArgumentException("pair set counts of iteration " + iteration + " are inconsistent: problems="
                    + problems + ", samples=" + samples + ", wrong answers=" + wrongAnswers + ", localized=" + localized
                    + ", rectified=" + rectified + ", pairs=" + pairsKept
                    + "; expected samples >= wrong answers >= localized >= rectified >= 0");
        }
    }

    public PairSetCounts(int iteration, int problems, int samples, int wrongAnswers, int localized, int rectified,
            int pairsKept, String pairsFile) {
        this(iteration, problems, samples, wrongAnswers, localized, rectified, pairsKept, pairsFile, null);
    }
}
