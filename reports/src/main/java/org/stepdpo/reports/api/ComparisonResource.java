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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.stepdpo.reports.comparison.RunComparison;
import org.stepdpo.reports.comparison.TrainingCurves;
import org.stepdpo.reports.report.RunReports;

/** Two runs on the same problems. */
@Path("/api/compare")
@Tag(name = "comparison")
public class ComparisonResource {

    @Inject
    RunReports reports;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per-problem flips between run a and run b and McNemar's test (exact binomial p and mid-p)")
    @APIResponse(responseCode = "400", description = "a or b missing, not an id, or the same run")
    @APIResponse(responseCode = "404", description = "a or b is not a stored run")
    public RunComparison compare(@Parameter(description = "id of run A", required = true) @QueryParam("a") String a,
            @Parameter(description = "id of run B", required = true) @QueryParam("b") String b) {
        long runA = Params.id(a, "a (run id)");
        long runB = Params.id(b, "b (run id)");
        if (runA == runB) {
            throw new BadParameterException("a and b are both run " + runA + "; compare two different runs");
        }
        return reports.compare(runA, runB);
    }

    @GET
    @Path("/training")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Training curves of run a and run b side by side (the paper's Figure 2): per step loss, reward"
            + " accuracy and reward margin; [{runId, name, objective, metrics: [...]}, ...] in the order a, b")
    @APIResponse(responseCode = "400", description = "a or b missing, not an id, or the same run")
    @APIResponse(responseCode = "404", description = "a or b is not a stored run")
    public List<TrainingCurves> training(@Parameter(description = "id of run A", required = true) @QueryParam("a") String a,
            @Parameter(description = "id of run B", required = true) @QueryParam("b") String b) {
        long runA = Params.id(a, "a (run id)");
        long runB = Params.id(b, "b (run id)");
        if (runA == runB) {
            throw new BadParameterException("a and b are both run " + runA + "; compare two different runs");
        }
        return reports.trainingCurves(List.of(runA, runB));
    }
}
