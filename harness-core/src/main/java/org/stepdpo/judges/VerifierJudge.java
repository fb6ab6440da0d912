package org.stepdpo.judges;

import java.util.ArrayList;
import java.util.List;
import org.stepdpo.data.arith.ArithStepVerifier;
import org.stepdpo.data.arith.Chain;

/**
 * The programmatic judge of the synthetic arith task: each step is checked against the problem's chain
 * (metadata {@code chain}) by {@link ArithStepVerifier}. Exact, free, and the ground truth for the demo.
 */
public final class VerifierJudge implements StepJudge {

    private final ArithStepVerifier verifier = new ArithStepVerifier();

    @Override
    public String name() {
        return "verifier";
    }

    @Override
    public Judgement firstError(JudgeInput input) {
        String encoded = input.problem().metadata().get("chain");
        if (encoded == null) {
            throw new IllegalArgumentException("problem " + input.problem().id() + " has no \"chain\" metadata: the "
                    + "verifier judge works only on the arith task; use the rollout or llm judge for other data");
        }
        ArithStepVerifier.Verification v = verifier.verify(Chain.parse(encoded), input.bodies());
        List<StepAssessment> assessments = new ArrayList<>(v.checks().size());
        for (ArithStepVerifier.StepCheck c : v.checks()) {
            assessments.add(new StepAssessment(c.index(), c.correct() ? Verdict.CORRECT : Verdict.INCORRECT, c.reason()));
        }
        return v.allCorrect() ? Judgement.allCorrect(assessments) : Judgement.firstErrorAt(v.firstError(), assessments);
    }
}
