package org.stepdpo.cli;

/** Environment variables that stand in for options (API keys). */
final class Environment {

    private Environment() {
    }

    /** The first of these variables that is set and not blank, or null. */
    static String first(String... names) {
        for (String name : names) {
            String v = System.getenv(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
