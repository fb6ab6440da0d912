package org.stepdpo.reports.api;

import java.util.function.Function;

/** Parsing of request parameters into values or {@link BadParameterException}s that say what was expected. */
public final class Params {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;

    private Params() {
    }

    /** A run or sample id: a positive whole number. */
    public static long id(String raw, String name) {
        try {
            long id = Long.parseLong(raw == null ? "" : raw.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameterException(name + " must be a positive whole number; got '" + raw + "'");
    }

    /** A whole number in [min, max], or the default when absent. */
    public static int intInRange(String raw, String name, int defaultValue, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameterException(name + " must be a whole number from " + min + " to " + max + "; got '" + raw + "'");
    }

    /** A value parsed by {@code parser}, whose IllegalArgumentException becomes a 400; null when absent. */
    public static <T> T optional(String raw, Function<String, T> parser) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(e.getMessage());
        }
    }

    /** An enum constant by name, case-insensitively. */
    public static <E extends Enum<E>> E enumValue(String raw, String name, Class<E> type) {
        return optional(raw, r -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(r.trim())) {
                    return e;
                }
            }
            throw new BadParameterException(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    .toLowerCase(java.util.Locale.ROOT) + "; got '" + r + "'");
        });
    }
}
