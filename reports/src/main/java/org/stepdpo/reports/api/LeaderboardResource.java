package org.stepdpo.reports.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.stepdpo.reports.leaderboard.LeaderboardFormat;
import org.stepdpo.reports.report.JudgeBoardRow;
import org.stepdpo.reports.report.RunReports;
import org.stepdpo.reports.runs.RunStore;

/** The leaderboard as JSON, the same document as {@code stepdpo leaderboard --format json}. */
@Path("/api/leaderboard")
@Tag(name = "leaderboard")
public class LeaderboardResource {

    @Inject
    RunStore store;

    @Inject
    RunReports reports;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Models x benchmarks: accuracy of each model's latest finished eval run with its 95% Wilson"
            + " interval; {confidence, benchmarks, rows: [{model, mean_accuracy, cells: {benchmark: {accuracy, ci_low,"
            + " ci_high, correct, n, run_id, finished_at}}}]}")
    public String leaderboard(@Parameter(description = "only runs of this suite") @QueryParam("suite") String suite) {
        return LeaderboardFormat.JSON.render(suite == null || suite.isBlank() ? store.leaderboard() : store.leaderboard(suite));
    }

    @GET
    @Path("/judges")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Step judges x labelled splits (ProcessBench): acc_err, acc_ok and F1 of each judge's latest"
            + " finished judge run per split, best F1 first within a split")
    public List<JudgeBoardRow> judges(@Parameter(description = "only runs of this suite") @QueryParam("suite") String suite) {
        return reports.judgeBoard(suite == null || suite.isBlank() ? null : suite);
    }
}
