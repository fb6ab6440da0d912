package org.stepdpo.reports.dashboard;

import java.util.List;

/**
 * One chart as the page script hands it to ECharts: a bar chart over {@code categories} or a line chart over
 * numeric x values ({@link Series#points}).
 *
 * @param percent values are percentages (the y axis ends at 100)
 */
public record Chart(String id, String title, String type, String xName, String yName, boolean percent,
        List<String> categories, List<Series> series) {

    /** A named row of values (bar) or of [x, y] points (line). */
    public record Series(String name, List<Double> values, List<double[]> points) {
    }

    static Chart bar(String id, String title, String xName, String yName, boolean percent, List<String> categories,
            List<Series> series) {
        return new Chart(id, title, "bar", xName, yName, percent, categories, series);
    }

    static Chart line(String id, String title, String xName, String yName, List<Series> series) {
        return new Chart(id, title, "line", xName, yName, false, List.of(), series);
    }
}
