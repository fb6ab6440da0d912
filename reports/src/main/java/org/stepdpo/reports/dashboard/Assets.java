package org.stepdpo.reports.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The style sheet and scripts of the dashboard as text, for a page that must stand alone (the HTML export): the
 * same files the server serves, read from the class path. ECharts comes from its mvnpm jar, whose version is
 * read from the jar's own Maven metadata rather than written here.
 */
public record Assets(String css, String echarts, String dashboardJs) {

    private static volatile Assets loaded;

    public static Assets load() {
        Assets a = loaded;
        if (a == null) {
            String echartsVersion = echartsVersion();
            a = new Assets(resource("META-INF/resources/dashboard/style.css"),
                    inlineScript(resource("META-INF/resources/_static/echarts/" + echartsVersion + "/dist/echarts.min.js")),
                    inlineScript(resource("META-INF/resources/dashboard/dashboard.js")));
            loaded = a;
        }
        return a;
    }

    /** A script's text for a script element: only "&lt;/script" could end the element early. */
    static String inlineScript(String js) {
        return js.replaceAll("(?i)</script", "<\\\\/script");
    }

    static String echartsVersion() {
        Properties p = new Properties();
        try (InputStream in = open("META-INF/maven/org.mvnpm/echarts/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ECharts jar's pom.properties", e);
        }
        return p.getProperty("version");
    }

    private static String resource(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from the class path", e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(path + " is not on the class path; the reports jar or the ECharts jar"
                    + " (org.mvnpm:echarts) is missing");
        }
        return in;
    }
}
