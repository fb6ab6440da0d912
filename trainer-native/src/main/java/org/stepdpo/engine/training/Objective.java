package org.stepdpo.engine.training;

import java.util.Arrays;
import java.util.Locale;

/** What a run optimises; the name is what {@code --objective} takes. */
public enum Objective {
    /** Step pairs: the prefix of correct steps is in the prompt, chosen / rejected are single steps. */
    STEP_DPO("step-dpo"),
    /** Whole answers after the prompt, same loss (the paper's Table 3 baseline). */
    DPO("dpo"),
    /** Cross-entropy on completion tokens only. */
    SFT("sft");

    private final String cliName;

    Objective(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public boolean isPreference() {
        return this != SFT;
    }

    public static Objective parse(String text) {
        String t = text.toLowerCase(Locale.ROOT).strip();
        return Arrays.stream(values()).filter(o -> o.cliName.equals(t)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown objective '" + text
                        + "': expected step-dpo, dpo or sft"));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
