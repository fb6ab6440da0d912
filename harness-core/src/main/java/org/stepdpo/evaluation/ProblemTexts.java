package org.stepdpo.evaluation;

import org.stepdpo.data.Problem;
import org.stepdpo.reports.runs.ProblemText;

/** A benchmark problem as a stored run keeps it for its sample pages: id, question and reference answer. */
public final class ProblemTexts {

    private ProblemTexts() {
    }

    public static ProblemText of(Problem p) {
        return new ProblemText(p.id(), p.question(), p.referenceAnswer());
    }
}
