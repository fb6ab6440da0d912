package org.stepdpo.reports.dashboard;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.stepdpo.reports.api.BadParameterException;
import org.stepdpo.reports.api.Params;
import org.stepdpo.reports.comparison.RunComparison;
import org.stepdpo.reports.comparison.TrainingCurves;
import org.stepdpo.reports.leaderboard.Leaderboard;
import org.stepdpo.reports.report.JudgeBoardRow;
import org.stepdpo.reports.report.RunReport;
import org.stepdpo.reports.report.RunReports;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.ProblemText;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.RunView;
import org.stepdpo.reports.runs.TrainedModelEvaluations;
import org.stepdpo.reports.runs.SampleFilter;
import org.stepdpo.reports.runs.SampleRecord;
import org.stepdpo.reports.runs.StoredSample;
import org.stepdpo.reports.runs.UnknownRunException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The web dashboard: server-rendered pages (templates in src/main/resources/templates/dashboard). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    /** The dashboard's pages; {@code assets} is null when served (files are linked) and set for a standalone file. */
    @CheckedTemplate(basePath = "dashboard")
    public static class Templates {
        public static native TemplateInstance leaderboard(List<String> benchmarks, List<BenchmarkBoard> tables,
                List<MeanRow> means, List<BoardRow> selfChecks, List<JudgeBoardRow> judges, List<RunView> runs,
                String suite, Assets assets, String charts);

        public static native TemplateInstance run(RunReport report, List<Chart> chartList, String charts,
                List<StoredSample> samples, String filter, Paging paging, List<RunView> siblings, Assets assets,
                boolean standalone);

        public static native TemplateInstance sample(RunView run, StoredSample sample, List<StepView> steps,
                ProblemText problem, RunStore.Neighbours neighbours, String filter, Assets assets, String charts);

        public static native TemplateInstance compare(RunView a, RunView b, RunComparison comparison, boolean training,
                List<TrainingCurves> curves, List<Chart> chartList, String charts, java.util.Map<String, String> references,
                List<TrainedModelEvaluations.Pair> evaluations, RunView trainingA, RunView trainingB, Assets assets);
    }

    @Inject
    RunStore store;

    @Inject
    RunReports reports;

    @GET
    @Operation(hidden = true)
    public TemplateInstance leaderboard(@QueryParam("suite") String suite) {
        String s = suite == null || suite.isBlank() ? null : suite;
        Leaderboard board = s == null ? store.leaderboard() : store.leaderboard(s);
        List<MeanRow> means = new ArrayList<>();
        board.comparableMeans().forEach(m -> means.add(new MeanRow(means.size() + 1, m.model(), m.mean())));
        return Templates.leaderboard(board.benchmarks(), BenchmarkBoard.of(board), means,
                BenchmarkBoard.selfChecks(board), reports.judgeBoard(s), store.runs(), s, null, null);
    }

    @GET
    @Path("runs/{id}")
    @Operation(hidden = true)
    public TemplateInstance run(@PathParam("id") String id, @QueryParam("filter") String filter,
            @QueryParam("offset") String offset) {
        long runId = Params.id(id, "run id");
        SampleFilter f = filter == null || filter.isBlank() ? SampleFilter.ALL : Params.optional(filter, SampleFilter::parse);
        int from = Params.intInRange(offset, "offset", 0, 0, Integer.MAX_VALUE);
        RunReport report = reports.report(runId);
        List<StoredSample> samples = store.samples(runId, f, from, Params.DEFAULT_PAGE_SIZE);
        Paging paging = Paging.of(store.sampleCount(runId, f), from, Params.DEFAULT_PAGE_SIZE, samples.size());
        List<Chart> charts = Charts.ofRun(report);
        return Templates.run(report, charts, Charts.json(charts), samples, f.parameter(), paging,
                store.trainingSiblings(runId), null, false);
    }

    /** The run page as one file that needs no server: styles, scripts and chart data inline, no sample list. */
    public static String standaloneRunPage(RunReport report) {
        List<Chart> charts = Charts.ofRun(report);
        return Templates.run(report, charts, Charts.json(charts), List.of(), SampleFilter.ALL.parameter(),
                Paging.of(0, 0, Params.DEFAULT_PAGE_SIZE, 0), List.of(), Assets.load(), true).render();
    }

    @GET
    @Path("runs/{id}/samples/{sampleId}")
    @Operation(hidden = true)
    public TemplateInstance sample(@PathParam("id") String id, @PathParam("sampleId") String sampleId,
            @QueryParam("filter") String filter) {
        long runId = Params.id(id, "run id");
        long sid = Params.id(sampleId, "sample id");
        RunView run = reports.require(runId);
        StoredSample stored = store.sample(sid).filter(s -> s.runId() == runId)
                .orElseThrow(() -> UnknownRunException.sample(runId, sid));
        SampleRecord s = stored.sample();
        Integer k = s.firstErrorStep();
        Integer gold = s.goldFirstError();
        List<StepView> steps = s.steps().stream().map(st -> new StepView(st.index() + 1, st,
                k != null && st.index() == k, k != null && st.index() > k, gold != null && st.index() == gold)).toList();
        SampleFilter f = filter == null || filter.isBlank() ? SampleFilter.ALL : Params.optional(filter, SampleFilter::parse);
        return Templates.sample(run, stored, steps, store.problem(runId, s.problemId()).orElse(null),
                store.neighbours(runId, f, sid), f.parameter(), null, null);
    }

    @GET
    @Path("compare")
    @Operation(hidden = true)
    public TemplateInstance compare(@QueryParam("a") String a, @QueryParam("b") String b) {
        long runA = Params.id(a, "a (run id)");
        long runB = Params.id(b, "b (run id)");
        if (runA == runB) {
            throw new BadParameterException("a and b are both run " + runA + "; compare two different runs");
        }
        RunComparison comparison = reports.compare(runA, runB);
        RunView viewA = reports.require(runA);
        RunView viewB = reports.require(runB);
        List<TrainingCurves> curves = reports.trainingCurves(List.of(runA, runB));
        List<Chart> charts = Charts.training(List.of(
                new Charts.Named("A: " + viewA.name(), curves.get(0).metrics()),
                new Charts.Named("B: " + viewB.name(), curves.get(1).metrics())));
        // Two training runs share no graded problems: the page is their curves side by side (the paper's Figure 2).
        boolean training = viewA.kind() == RunKind.TRAIN && viewB.kind() == RunKind.TRAIN;
        // the reference answer of each flipped problem, where either run stored its problems
        java.util.Map<String, String> references = new java.util.HashMap<>();
        comparison.flips().forEach(f -> store.problem(runA, f.problemId()).or(() -> store.problem(runB, f.problemId()))
                .map(ProblemText::referenceAnswer).ifPresent(ref -> references.put(f.problemId(), ref)));
        // Cross-links: two trainings to the evaluations of their models, two evaluations to the trainings that
        // wrote their models.
        List<RunView> runs = store.runs();
        List<TrainedModelEvaluations.Pair> evaluations = training
                ? TrainedModelEvaluations.paired(viewA, viewB, runs) : List.of();
        RunView trainingA = training ? null : TrainedModelEvaluations.trainingOf(viewA, runs).orElse(null);
        RunView trainingB = training ? null : TrainedModelEvaluations.trainingOf(viewB, runs).orElse(null);
        return Templates.compare(viewA, viewB, comparison, training, curves, charts, Charts.json(charts), references,
                evaluations, trainingA, trainingB, null);
    }
}
