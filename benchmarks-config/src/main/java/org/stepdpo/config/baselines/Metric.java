package org.stepdpo.config.baselines;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The metrics a baseline keeps per (model or stage, benchmark), under the names its JSON uses, with the
 * direction in which a change is worse. Their definitions are docs/METRICS.md's, computed by
 * {@code org.stepdpo.metrics.Metrics}.
 */
public enum Metric {
    /** Share of problems whose greedy (first) final answer is right. */
    ACCURACY("accuracy", Direction.HIGHER_IS_BETTER),
    /** Share of the right answers the step judge assessed in which it found a wrong step (right by luck). */
    RIGHT_THROUGH_WRONG_STEP("right_through_wrong_step", Direction.LOWER_IS_BETTER),
    /** Mean 1-based position of the first wrong step among wrong answers where the judge found one. */
    FIRST_ERROR_POSITION("first_error_position", Direction.HIGHER_IS_BETTER),
    /**
     * Mean number of steps per answer. Neither way is better; a change beyond tolerance either way means
     * the answers' shape changed (e.g. a segmentation or template change).
     */
    MEAN_STEPS("mean_steps", Direction.ANY_CHANGE_IS_WORSE);

    /** Which change of a metric is worse. */
    public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER, ANY_CHANGE_IS_WORSE }

    private final String key;
    private final Direction direction;

    Metric(String key, Direction direction) {
        this.key = key;
        this.direction = direction;
    }

    /** The metric's name in baseline files, suite files and reports. */
    public String key() {
        return key;
    }

    public Direction direction() {
        return direction;
    }

    /**
     * How much worse {@code now} is than {@code baseline}, in the metric's unit: positive when worse, negative
     * when better ({@link Direction#ANY_CHANGE_IS_WORSE}: the size of the change).
     */
    public double worsening(double baseline, double now) {
        return switch (direction) {
            case HIGHER_IS_BETTER -> baseline - now;
            case LOWER_IS_BETTER -> now - baseline;
            case ANY_CHANGE_IS_WORSE -> Math.abs(now - baseline);
        };
    }

    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Metric::key).toList();
    }
}
