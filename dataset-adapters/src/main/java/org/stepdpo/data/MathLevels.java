package org.stepdpo.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MATH writes levels as "Level 3", MATH-500 as 3; problems carry "3" either way. */
final class MathLevels {
    private static final Pattern LEVEL = Pattern.compile("(?i)level\\s*(\\S+)");

    private MathLevels() {
    }

    static String normalize(String level) {
        Matcher matcher = LEVEL.matcher(level.strip());
        return matcher.matches() ? matcher.group(1) : level.strip();
    }
}
