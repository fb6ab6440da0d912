package org.stepdpo.config.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * The objectives a suite trains and their hyper-parameters ({@code training:}); an objective it does not name is
 * absent (null here) and trains with {@link ObjectiveSection#DEFAULTS} where it runs at all.
 */
public record TrainingSection(@Key("step-dpo") ObjectiveSection stepDpo, ObjectiveSection dpo,
                              ObjectiveSection sft) {

    public static final TrainingSection DEFAULTS = new TrainingSection(null, null, null);

    /** The settings of an objective by its name ({@code step-dpo}, {@code dpo}, {@code sft}), or the defaults. */
    public ObjectiveSection of(String objective) {
        ObjectiveSection s = switch (objective) {
            case "step-dpo" -> stepDpo;
            case "dpo" -> dpo;
            case "sft" -> sft;
            default -> throw new IllegalArgumentException("unknown objective \"" + objective
                    + "\"; known: step-dpo, dpo, sft");
        };
        return s != null ? s : ObjectiveSection.DEFAULTS;
    }

    /** The objectives the suite names, in the order step-dpo, dpo, sft. */
    public List<String> named() {
        List<String> out = new ArrayList<>();
        if (stepDpo != null) {
            out.add("step-dpo");
        }
        if (dpo != null) {
            out.add("dpo");
        }
        if (sft != null) {
            out.add("sft");
        }
        return out;
    }
}
