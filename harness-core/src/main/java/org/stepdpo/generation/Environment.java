package org.stepdpo.generation;

import java.util.function.UnaryOperator;

/** Environment variables that stand in for options (API keys). */
public final class Environment {

    private Environment() {
    }

    /** The first of these variables that is set and not blank, or null. */
    public static String first(String... names) {
        return first(System::getenv, names);
    }

    /** The same in {@code environment} (a lookup of variables, e.g. {@code System::getenv}). */
    public static String first(UnaryOperator<String> environment, String... names) {
        for (String name : names) {
            String v = environment.apply(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
