package org.stepdpo.reports.leaderboard;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Output formats of {@code stepdpo leaderboard --format}. */
public enum LeaderboardFormat {
    TABLE("table", new TextTableRenderer()),
    MARKDOWN("md", new MarkdownRenderer()),
    CSV("csv", new CsvRenderer()),
    JSON("json", new JsonRenderer());

    private final String cliName;
    private final LeaderboardRenderer renderer;

    LeaderboardFormat(String cliName, LeaderboardRenderer renderer) {
        this.cliName = cliName;
        this.renderer = renderer;
    }

    /** The name on the command line: table, md, csv, json. */
    public String cliName() {
        return cliName;
    }

    public LeaderboardRenderer renderer() {
        return renderer;
    }

    public String render(Leaderboard leaderboard) {
        return renderer.render(leaderboard);
    }

    /** Parses a command-line name (also accepts the enum names, e.g. "markdown"), case-insensitively. */
    public static LeaderboardFormat parse(String name) {
        for (LeaderboardFormat f : values()) {
            if (f.cliName.equalsIgnoreCase(name.trim()) || f.name().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown leaderboard format '" + name + "'; expected one of "
                + Arrays.stream(values()).map(LeaderboardFormat::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName.toLowerCase(Locale.ROOT);
    }
}
