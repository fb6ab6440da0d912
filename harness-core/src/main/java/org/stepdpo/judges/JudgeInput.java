package org.stepdpo.judges;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stepdpo.data.Problem;
import org.stepdpo.steps.Step;
import org.stepdpo.steps.StepSegmenter;

/**
 * A solution to judge.
 *
 * @param problem  the problem with its reference answer (and, for arith, its chain in the metadata)
 * @param response the whole answer text the steps were cut from (template response prefix included), so
 *                 that a judge can rebuild any prefix of it exactly
 * @param steps    the steps, with spans into {@code response}
 * @param seed     seed for judges that sample (rollouts), derived by the caller from run seed and sample
 */
public record JudgeInput(Problem problem, String response, List<Step> steps, long seed) {

    public JudgeInput {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(response, "response");
        steps = List.copyOf(steps);
        for (Step s : steps) {
            if (s.end() > response.length()) {
                throw new IllegalArgumentException("problem " + problem.id() + ": step " + s.index()
                        + " ends at " + s.end() + ", past the response's " + response.length() + " characters");
            }
        }
    }

    /** Segments {@code response} with the project's {@link StepSegmenter}. */
    public static JudgeInput of(Problem problem, String response, long seed) {
        return new JudgeInput(problem, response, new StepSegmenter().split(response), seed);
    }

    /** Steps that come as a list (ProcessBench): joined with blank lines, one paragraph each. */
    public static JudgeInput ofStepTexts(Problem problem, List<String> stepTexts, long seed) {
        StringBuilder response = new StringBuilder();
        List<Step> steps = new ArrayList<>(stepTexts.size());
        for (int i = 0; i < stepTexts.size(); i++) {
            if (i > 0) {
                response.append("\n\n");
            }
            int start = response.length();
            String text = stepTexts.get(i).strip();
            response.append(text);
            steps.add(new Step(i, text, start, response.length(), start));
        }
        return new JudgeInput(problem, response.toString(), steps, seed);
    }

    /** The step bodies (without "Step k:" markers). */
    public List<String> bodies() {
        return steps.stream().map(Step::body).toList();
    }
}
