package org.stepdpo.reports.report;

import java.util.Locale;

/** How the reports write numbers: shares as percentages with two decimals, missing values as a dash. */
public final class Numbers {

    public static final String MISSING = "—";

    private Numbers() {
    }

    public static String percent(Double share) {
        return share == null ? MISSING : String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }

    public static String decimal(Double value, int digits) {
        return value == null ? MISSING : String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    /** A p-value: four decimals, or "&lt; 0.0001" below that. */
    public static String pValue(double p) {
        return p < 1e-4 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    public static String bytes(Long bytes) {
        if (bytes == null) {
            return MISSING;
        }
        double gib = bytes / (1024.0 * 1024 * 1024);
        return gib >= 1 ? String.format(Locale.ROOT, "%.1f GiB", gib)
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
}
