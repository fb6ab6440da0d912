package org.stepdpo.reports.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.stepdpo.reports.dashboard.DashboardResource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a run report in one of the {@link ReportFormat}s. JSON is the document {@code GET /api/runs/{id}}
 * returns; HTML is the dashboard's run page as one self-contained file (styles, scripts, chart data inline).
 */
@ApplicationScoped
public class ReportExporter {

    @Inject
    ObjectMapper mapper;

    public String render(RunReport report, ReportFormat format) {
        return switch (format) {
            case MARKDOWN -> MarkdownReport.render(report);
            case CSV -> CsvReport.render(report);
            case HTML -> DashboardResource.standaloneRunPage(report);
            case JSON -> json(report);
        };
    }

    private String json(RunReport report) {
        try {
            return mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write run " + report.run().id() + " as JSON", e);
        }
    }
}
