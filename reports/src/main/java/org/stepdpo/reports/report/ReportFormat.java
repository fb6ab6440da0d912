package org.stepdpo.reports.report;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Export formats of a run report ({@code stepdpo report --format}, {@code /api/runs/{id}/report?format=}). */
public enum ReportFormat {
    MARKDOWN("md", "text/markdown;charset=UTF-8"),
    HTML("html", "text/html;charset=UTF-8"),
    CSV("csv", "text/csv;charset=UTF-8"),
    JSON("json", "application/json;charset=UTF-8");

    private final String extension;
    private final String mediaType;

    ReportFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** Name on the command line and file extension: md, html, csv, json. */
    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Parses md, html, csv or json (also "markdown"), case-insensitively. */
    public static ReportFormat parse(String name) {
        String n = name == null ? "" : name.trim();
        for (ReportFormat f : values()) {
            if (f.extension.equalsIgnoreCase(n) || f.name().equalsIgnoreCase(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format '" + name + "'; expected one of "
                + Arrays.stream(values()).map(ReportFormat::extension).collect(Collectors.joining(", ")));
    }
}
