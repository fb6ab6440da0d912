package org.stepdpo.reports.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.stepdpo.reports.report.ReportExporter;
import org.stepdpo.reports.report.ReportFormat;
import org.stepdpo.reports.report.RunReport;
import org.stepdpo.reports.report.RunReports;
import org.stepdpo.reports.runs.PairSetCounts;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.RunStatus;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.RunView;
import org.stepdpo.reports.runs.SampleFilter;
import org.stepdpo.reports.runs.StoredSample;
import org.stepdpo.reports.runs.TrainingMetric;
import org.stepdpo.reports.runs.UnknownRunException;

/** Read-only JSON API over the stored runs. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Evaluation, pipeline and training runs")
public class RunsResource {

    @Inject
    RunStore store;

    @Inject
    RunReports reports;

    @Inject
    ReportExporter exporter;

    @GET
    @Operation(summary = "All runs, newest first")
    @APIResponse(responseCode = "400", description = "Unknown kind or status")
    public List<RunView> runs(
            @Parameter(description = "eval, pipeline or train") @QueryParam("kind") String kind,
            @Parameter(description = "running, finished or failed") @QueryParam("status") String status,
            @Parameter(description = "only runs of this model") @QueryParam("model") String model,
            @Parameter(description = "only runs on this benchmark") @QueryParam("benchmark") String benchmark) {
        RunKind k = Params.enumValue(kind, "kind", RunKind.class);
        RunStatus s = Params.enumValue(status, "status", RunStatus.class);
        return store.runs().stream()
                .filter(r -> k == null || r.kind() == k)
                .filter(r -> s == null || r.status() == s)
                .filter(r -> model == null || model.equals(r.model()))
                .filter(r -> benchmark == null || benchmark.equals(r.benchmark()))
                .toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run with its metrics: accuracy (95% Wilson interval), pass@1, maj@k, per level and subject,"
            + " per-step metrics, judge agreement with gold labels, pair sets and training metrics")
    @APIResponse(responseCode = "404", description = "No run with this id")
    public RunReport run(@PathParam("id") String id) {
        return reports.report(Params.id(id, "run id"));
    }

    @GET
    @Path("/{id}/samples")
    @Operation(summary = "A page of the run's samples with their steps")
    @APIResponse(responseCode = "400", description = "Unknown filter, or offset / limit out of range")
    @APIResponse(responseCode = "404", description = "No run with this id")
    public SamplePage samples(@PathParam("id") String id,
            @Parameter(description = "all (default), correct, wrong or first-error") @QueryParam("filter") String filter,
            @Parameter(description = "samples to skip, default 0") @QueryParam("offset") String offset,
            @Parameter(description = "page size, 1 to 500, default 50") @QueryParam("limit") String limit) {
        long runId = Params.id(id, "run id");
        SampleFilter f = filter == null || filter.isBlank() ? SampleFilter.ALL : Params.optional(filter, SampleFilter::parse);
        int from = Params.intInRange(offset, "offset", 0, 0, Integer.MAX_VALUE);
        int size = Params.intInRange(limit, "limit", Params.DEFAULT_PAGE_SIZE, 1, Params.MAX_PAGE_SIZE);
        reports.require(runId);
        return new SamplePage(runId, f.parameter(), store.sampleCount(runId, f), from, size,
                store.samples(runId, f, from, size));
    }

    @GET
    @Path("/{id}/samples/{sampleId}")
    @Operation(summary = "One sample of the run with its steps, verdicts and the judge's reasons")
    @APIResponse(responseCode = "404", description = "No such run, or the sample is not one of its samples")
    public StoredSample sample(@PathParam("id") String id, @PathParam("sampleId") String sampleId) {
        long runId = Params.id(id, "run id");
        long sid = Params.id(sampleId, "sample id");
        reports.require(runId);
        return store.sample(sid).filter(s -> s.runId() == runId)
                .orElseThrow(() -> UnknownRunException.sample(runId, sid));
    }

    @GET
    @Path("/{id}/training-metrics")
    @Operation(summary = "The run's training metrics per optimizer step (empty when it did not train)")
    @APIResponse(responseCode = "404", description = "No run with this id")
    public List<TrainingMetric> trainingMetrics(@PathParam("id") String id) {
        long runId = Params.id(id, "run id");
        reports.require(runId);
        return store.trainingMetrics(runId);
    }

    @GET
    @Path("/{id}/pair-sets")
    @Operation(summary = "What each pipeline stage kept, per iteration (empty unless the run built pairs)")
    @APIResponse(responseCode = "404", description = "No run with this id")
    public List<PairSetCounts> pairSets(@PathParam("id") String id) {
        long runId = Params.id(id, "run id");
        reports.require(runId);
        return store.pairSets(runId);
    }

    @GET
    @Path("/{id}/report")
    @Produces({"text/markdown", "text/html", "text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "The run's report as a file: md, html (one self-contained file), csv or json")
    @APIResponse(responseCode = "400", description = "Unknown format")
    @APIResponse(responseCode = "404", description = "No run with this id")
    public Response report(@PathParam("id") String id,
            @Parameter(description = "md, html, csv or json (default)") @QueryParam("format") String format) {
        long runId = Params.id(id, "run id");
        ReportFormat f = format == null || format.isBlank() ? ReportFormat.JSON : Params.optional(format, ReportFormat::parse);
        String body = exporter.render(reports.report(runId), f);
        return Response.ok(body, f.mediaType())
                .header("Content-Disposition", "inline; filename=\"run-" + runId + "." + f.extension() + "\"").build();
    }
}
